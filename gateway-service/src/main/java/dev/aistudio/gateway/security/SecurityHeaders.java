package dev.aistudio.gateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.aistudio.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The browser-facing security headers, set on every answer just before it is written, so they also override whatever
 * an upstream sent. CORS is Quarkus' own filter (quarkus.http.cors.*), fed from studio.client-origins.
 */
@ApplicationScoped
public class SecurityHeaders {

    private final GatewayConfig.Security security;
    private final boolean localMode;

    public SecurityHeaders(GatewayConfig config) {
        this.security = config.security();
        this.localMode = config.localMode();
    }

    void register(@Observes Filters filters) {
        filters.register(this::onHeadersEnd, 2900);
    }

    private void onHeadersEnd(RoutingContext context) {
        // the gateway's own operations pages (Swagger UI) bring inline scripts the studio's policy forbids
        boolean operations = context.normalizedPath().startsWith("/q/");
        context.addHeadersEndHandler(v -> apply(context.response().headers(), !operations));
        context.next();
    }

    private void apply(MultiMap headers, boolean withPolicy) {
        if (withPolicy) {
            headers.set("Content-Security-Policy", security.contentSecurityPolicy());
        }
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", security.referrerPolicy());
        headers.set("X-Frame-Options", "DENY");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        if (!localMode) {
            headers.set("Strict-Transport-Security", security.hsts());
        }
    }
}
