package dev.aistudio.gateway.request;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.aistudio.gateway.config.GatewayConfig;
import dev.aistudio.gateway.problem.Problems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * A request URI or header block over the gateway's limits answers 414 {@code uri_too_long} or 431
 * {@code headers_too_large} as problem+json, with the request id and security headers like every other answer.
 * Vert.x' own HTTP codec refuses an over-long head with an empty 414/431 before any filter runs (quarkusio/quarkus
 * #55082), so its ceilings ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set
 * above these limits (16K, 32K) and only cut off heads that are plainly abusive.
 */
@ApplicationScoped
public class HeadLimits {

    private final int maxUriLength;
    private final long maxHeaderSize;

    public HeadLimits(GatewayConfig config) {
        this.maxUriLength = config.limits().maxUriLength();
        this.maxHeaderSize = config.limits().maxHeaderSize().asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 2875); // after RequestIds (3000) and SecurityHeaders (2900)
    }

    private void check(RoutingContext context) {
        int uriLength = context.request().uri().length();
        if (uriLength > maxUriLength) {
            refuse(context, 414, "uri_too_long", "URI too long",
                    "The request's URI is " + uriLength + " characters long; at most " + maxUriLength + " are accepted.");
            return;
        }
        long headerSize = headerSize(context);
        if (headerSize > maxHeaderSize) {
            refuse(context, 431, "headers_too_large", "Request header fields too large",
                    "The request's headers are " + headerSize + " bytes; at most " + maxHeaderSize + " are accepted.");
            return;
        }
        context.next();
    }

    /** Counted as on the wire: each header's name, value, ": " and line end. */
    private static long headerSize(RoutingContext context) {
        long size = 0;
        for (Map.Entry<String, String> header : context.request().headers()) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        return size;
    }

    private static void refuse(RoutingContext context, int status, String code, String title, String detail) {
        context.response().putHeader("Connection", "close");
        Problems.send(context, status, code, title, detail);
    }
}
