package dev.aistudio.gateway.routing;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.aistudio.gateway.csrf.CsrfGuard;
import dev.aistudio.gateway.limit.RateLimits;
import dev.aistudio.gateway.problem.Problems;
import dev.aistudio.gateway.session.SessionGate;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The public API: /api/auth/** to user-service, /api/chat/** to chat-service, /api/images/** to image-service, each
 * request through the same steps: admit (known route, body size), rate limits, CSRF, session, proxy. Paths with dot
 * segments or encoded separators never get here ({@link dev.aistudio.gateway.request.MalformedUris}).
 * Nothing else reaches a service, so its /internal/** and /q/** stay private.
 */
@ApplicationScoped
public class ApiRoutes {

    private final Upstreams upstreams;
    private final RateLimits rateLimits;
    private final CsrfGuard csrf;
    private final SessionGate sessions;
    private final UpstreamForwarder forwarder;

    public ApiRoutes(Upstreams upstreams, RateLimits rateLimits, CsrfGuard csrf, SessionGate sessions,
            UpstreamForwarder forwarder) {
        this.upstreams = upstreams;
        this.rateLimits = rateLimits;
        this.csrf = csrf;
        this.sessions = sessions;
        this.forwarder = forwarder;
    }

    void register(@Observes Router router) {
        router.route("/api/*")
                .handler(this::admit)
                .handler(rateLimits::check)
                .handler(csrf::check)
                .handler(sessions::resolve)
                .handler(forwarder::forward);
    }

    private void admit(RoutingContext context) {
        HttpServerRequest request = context.request();
        // Hold the body until the proxy takes it: the steps before may wait (session exchange).
        request.pause();
        Optional<Upstream> upstream = upstreams.forPath(context.normalizedPath());
        if (upstream.isEmpty()) {
            Problems.notFound(context);
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null && request.getHeader("Transfer-Encoding") != null) {
            Problems.send(context, 400, "bad_request", "Bad request", "Content-Length and Transfer-Encoding together.");
            return;
        }
        long max = upstream.get().route().maxBodySize().asLongValue();
        if (length != null && declaredLength(length) > max) {
            context.response().putHeader("Connection", "close");
            Problems.send(context, 413, "payload_too_large", "Payload too large",
                    "The request body is larger than " + max + " bytes.");
            return;
        }
        context.put(UpstreamForwarder.UPSTREAM, upstream.get());
        context.next();
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
