package dev.aistudio.gateway.csrf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.aistudio.gateway.config.GatewayConfig;
import dev.aistudio.gateway.problem.Problems;
import dev.aistudio.gateway.session.SessionCookie;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

/**
 * Double-submit CSRF protection as the architecture contract says: every answer to a caller without a
 * {@code studio_csrf} cookie sets one (readable by the page's script), and an unsafe cookie-authenticated request must
 * echo it in {@code X-CSRF-Token} and come from an allowed {@code Origin}. Sign-in and sign-up count as cookie
 * requests (they set the session cookie), so a forged login is refused too. Bearer requests, and the API clients'
 * {@code /api/auth/token}, skip all of this.
 */
@ApplicationScoped
public class CsrfGuard {

    public static final String COOKIE = "studio_csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);
    private static final Set<String> SIGN_IN_PATHS = Set.of("/api/auth/login", "/api/auth/register");
    /** Credentials in the body, a token in the answer that another site could not read: nothing to forge. */
    private static final String TOKEN_PATH = "/api/auth/token";

    private final SecureRandom random = new SecureRandom();
    private final boolean cookieSecure;
    private final List<String> clientOrigins;

    public CsrfGuard(GatewayConfig config) {
        this.cookieSecure = config.session().cookieSecure();
        this.clientOrigins = config.clientOrigins().orElse(List.of());
    }

    void register(@Observes Filters filters) {
        filters.register(this::issueCookie, 2800);
        // before Quarkus' CORS filter, which would refuse the same requests with an empty 403
        filters.register(this::refuseForeignOrigin, 2700);
    }

    /** A request that names an origin we do not serve is refused on /api, whatever its method. */
    private void refuseForeignOrigin(RoutingContext context) {
        String origin = context.request().getHeader("Origin");
        if (origin != null && context.normalizedPath().startsWith("/api/") && !isAllowedOrigin(origin, context.request())) {
            Problems.send(context, 403, "origin_not_allowed", "Forbidden",
                    "Requests from origin " + origin + " are not allowed.");
            return;
        }
        context.next();
    }

    /**
     * Every answer hands out a token when the caller has none, so any page load or GET provides one. Callers that
     * authenticate with a header (scripts, services) never need one and do not get one.
     */
    private void issueCookie(RoutingContext context) {
        Cookie current = context.request().getCookie(COOKIE);
        boolean browser = context.request().getHeader("Authorization") == null;
        if (browser && (current == null || !TOKEN.matcher(current.getValue()).matches())) {
            context.response().addCookie(Cookie.cookie(COOKIE, newToken())
                    .setPath("/")
                    .setHttpOnly(false)
                    .setSecure(cookieSecure)
                    .setSameSite(CookieSameSite.LAX));
        }
        context.next();
    }

    /** Route handler for /api/**: refuses unsafe cookie requests without a matching token and an allowed origin. */
    public void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!needsCheck(request)) {
            context.next();
            return;
        }
        Cookie cookie = request.getCookie(COOKIE);
        String header = request.getHeader(HEADER);
        if (cookie == null || header == null || !TOKEN.matcher(header).matches() || !sameToken(cookie.getValue(), header)) {
            refuse(context, "Send the value of the studio_csrf cookie in the X-CSRF-Token header.");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin == null || !isAllowedOrigin(origin, request)) {
            refuse(context, "An unsafe request must name an allowed Origin; it named " + (origin == null ? "none" : origin) + ".");
            return;
        }
        context.next();
    }

    private static boolean needsCheck(HttpServerRequest request) {
        if (SAFE.contains(request.method()) || request.getHeader("Authorization") != null
                || TOKEN_PATH.equals(request.path())) {
            return false;
        }
        return request.getCookie(SessionCookie.NAME) != null || SIGN_IN_PATHS.contains(request.path());
    }

    private boolean isAllowedOrigin(String origin, HttpServerRequest request) {
        return clientOrigins.contains(origin) || origin.equals(ownOrigin(request));
    }

    /** The origin the caller reached us under (scheme and Host, as resolved through trusted proxies). */
    private static String ownOrigin(HttpServerRequest request) {
        HostAndPort authority = request.authority();
        if (authority == null) {
            return null;
        }
        String port = authority.port() > 0 ? ":" + authority.port() : "";
        return request.scheme() + "://" + authority.host() + port;
    }

    private static boolean sameToken(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static void refuse(RoutingContext context, String detail) {
        Problems.send(context, 403, "csrf_failed", "Cross-site request refused", detail);
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
