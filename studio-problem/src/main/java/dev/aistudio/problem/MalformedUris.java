package dev.aistudio.problem;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A request whose URI is malformed ({@code ?cursor=%%%}, {@code /x/%zz}, {@code {}} in a query) gets a 400 problem
 * with the code {@code invalid_uri}, like any other bad input.
 * <p>
 * Quarkus checks every request's URI with {@link URI} before any route or filter runs and answers a failure with an
 * empty 400, which no application code can reach. {@link StudioServiceMain} turns that check off
 * ({@value #DISABLE_QUARKUS_CHECK}; the Maven build sets it for tests and for
 * {@code quarkus:dev}, which runs no main) and this filter makes the same check, first,
 * answering with a problem. A path whose percent-encoding cannot be decoded fails in Vert.x Web's router before any
 * filter; the router's error handler for 400 answers those.
 */
@ApplicationScoped
public class MalformedUris {

    /** The system property that turns Quarkus' own (silent) URI check off. */
    public static final String DISABLE_QUARKUS_CHECK = "vertx.disableURIValidation";

    void register(@Observes Filters filters) {
        filters.register(MalformedUris::check, Integer.MAX_VALUE);
    }

    void register(@Observes Router router) {
        router.errorHandler(400, MalformedUris::answer);
    }

    static void check(RoutingContext context) {
        if (isMalformed(context.request().uri())) {
            answer(context);
            return;
        }
        context.next();
    }

    /** What Quarkus' check refuses: anything {@link URI} cannot parse. */
    public static boolean isMalformed(String uri) {
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
        if (context.response().headWritten()) {
            return;
        }
        context.response()
                .setStatusCode(400)
                .putHeader("Content-Type", "application/problem+json")
                .end(problem().encode());
    }

    static JsonObject problem() {
        return new JsonObject()
                .put("type", "https://aistudio.dev/problems/invalid_uri")
                .put("title", "Bad request")
                .put("status", 400)
                .put("detail", "The request's URI is malformed: percent-encode reserved and non-ASCII characters "
                        + "(RFC 3986), and write % only as the start of an escape like %25.")
                .put("code", "invalid_uri");
    }
}
