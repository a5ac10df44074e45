package dev.aistudio.gateway.session;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.gateway.config.GatewayConfig;
import dev.aistudio.gateway.problem.Problems;
import dev.aistudio.gateway.request.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Turns the session cookie into the bearer token the services understand. Requests that carry their own
 * {@code Authorization} pass untouched; a session that has ended answers 401 {@code session_ended} and clears the
 * cookie, so the browser client knows to show the sign-in page.
 */
@ApplicationScoped
public class SessionGate {

    /** Routing-context keys: the exchanged token and the secret it came from. */
    public static final String TOKEN = "gateway.session-token";
    public static final String SECRET = "gateway.session-secret";

    public static final String LOGOUT_PATH = "/api/auth/logout";
    /** Paths that open a session (or issue an API token) and need none. */
    private static final Set<String> SIGN_IN_PATHS = Set.of("/api/auth/login", "/api/auth/register", "/api/auth/token");

    private final SessionExchange exchange;
    private final boolean cookieSecure;

    public SessionGate(SessionExchange exchange, GatewayConfig config) {
        this.exchange = exchange;
        this.cookieSecure = config.session().cookieSecure();
    }

    public void resolve(RoutingContext context) {
        Cookie cookie = context.request().getCookie(SessionCookie.NAME);
        String path = context.normalizedPath();
        if (context.request().getHeader("Authorization") != null || cookie == null || cookie.getValue().isBlank()
                || SIGN_IN_PATHS.contains(path)) {
            context.next();
            return;
        }
        String secret = cookie.getValue();
        String requestId = context.request().getHeader(RequestIds.HEADER);
        Future.fromCompletionStage(exchange.tokenFor(secret, requestId), Vertx.currentContext())
                .onSuccess(token -> {
                    if (token.isPresent()) {
                        context.put(TOKEN, token.get());
                        context.put(SECRET, secret);
                        context.next();
                    } else {
                        ended(context, path);
                    }
                })
                .onFailure(failure -> unavailable(context));
    }

    private void ended(RoutingContext context, String path) {
        if (LOGOUT_PATH.equals(path)) {
            context.next(); // nothing left to end: user-service still answers 204 and clears the cookie
            return;
        }
        context.response().addCookie(SessionCookie.cleared(cookieSecure));
        Problems.send(context, 401, "session_ended", "Unauthorized", "This session has ended. Sign in again.");
    }

    private static void unavailable(RoutingContext context) {
        context.response().putHeader("Retry-After", "5");
        Problems.send(context, 503, "session_unavailable", "Service unavailable",
                "Signing in cannot be checked right now (user-service is not answering). Try again shortly.");
    }
}
