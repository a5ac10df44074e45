package dev.aistudio.gateway.request;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.aistudio.gateway.problem.Problems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A malformed request URI ({@code ?cursor=%%%}, {@code /api/%zz}, {@code {}} in a query) answers 400 with the problem
 * code {@code invalid_uri}, instead of the empty 400 of Quarkus' own check, which runs before any route or filter and
 * which {@link dev.aistudio.gateway.GatewayMain} turns off (the Maven build does for tests and quarkus:dev). The check
 * is the same ({@link URI} must parse it), so nothing passes that was refused before; it runs right after the request
 * id and the security headers are set, so the answer carries them. A path whose percent-encoding cannot be decoded
 * fails in Vert.x Web's router before any filter; the router's error handler for 400 answers those.
 */
@ApplicationScoped
public class MalformedUris {

    /** The system property that turns Quarkus' own (silent) URI check off. */
    public static final String DISABLE_QUARKUS_CHECK = "vertx.disableURIValidation";

    void register(@Observes Filters filters) {
        filters.register(MalformedUris::check, 2850); // after RequestIds (3000) and SecurityHeaders (2900)
    }

    void register(@Observes Router router) {
        router.errorHandler(400, MalformedUris::answer);
    }

    private static void check(RoutingContext context) {
        if (isMalformed(context.request().uri())) {
            answer(context);
            return;
        }
        context.next();
    }

    static boolean isMalformed(String uri) {
        if (uri == null) {
            return true;
        }
        try {
            new URI(uri);
            return false;
        } catch (URISyntaxException e) {
            return true;
        }
    }

    private static void answer(RoutingContext context) {
        Problems.send(context, 400, "invalid_uri", "Bad request", "The request's URI is malformed: percent-encode "
                + "reserved and non-ASCII characters (RFC 3986), and write % only as the start of an escape like %25.");
    }
}
