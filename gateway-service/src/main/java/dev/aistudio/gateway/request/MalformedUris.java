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
 * <p>
 * A path with dot segments or encoded separators ({@code /api/chat/%2e%2e/%2e%2e/q/metrics}, {@code ..%2f},
 * {@code /../}) answers 400 {@code invalid_path} on every route, not only under /api: the router would resolve it to
 * another path, e.g. the gateway's own /q pages, past a proxy in front that routes only /api here. No page or API of
 * the studio has such a path, and browsers resolve literal dot segments before sending.
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
        if (leavesItsPrefix(context.request().path())) {
            Problems.send(context, 400, "invalid_path", "Bad request",
                    "Dot segments and encoded slashes, backslashes and dots are not allowed in the path.");
            return;
        }
        context.next();
    }

    /** Whether the raw (undecoded) path has a "." or ".." segment, a backslash, or an encoded slash, backslash or dot. */
    public static boolean leavesItsPrefix(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        int length = rawPath.length();
        for (int i = 0; i < length; i++) {
            char c = rawPath.charAt(i);
            if (c == '\\') {
                return true;
            }
            if (c == '%' && i + 2 < length && isEncodedSeparator(rawPath.charAt(i + 1), rawPath.charAt(i + 2))) {
                return true;
            }
            if (c == '.' && (i == 0 || rawPath.charAt(i - 1) == '/')) {
                int end = i + 1 < length && rawPath.charAt(i + 1) == '.' ? i + 2 : i + 1;
                if (end == length || rawPath.charAt(end) == '/') {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isEncodedSeparator(char high, char low) {
        char lower = Character.toLowerCase(low);
        return high == '2' && (lower == 'e' || lower == 'f') || high == '5' && lower == 'c';
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
