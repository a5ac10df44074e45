package dev.aistudio.gateway.limit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.aistudio.gateway.config.GatewayConfig;
import dev.aistudio.gateway.problem.Problems;
import dev.aistudio.gateway.request.ClientAddress;
import dev.aistudio.gateway.session.SessionCookie;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Token buckets (Bucket4j) per client address and per session (cookie or bearer token), kept in a bounded cache. A
 * caller over either answers 429 with {@code Retry-After}. Buckets are local to one gateway replica.
 * <p>
 * Every answer under /api says where the caller stands, in the fields of the IETF draft "RateLimit header fields for
 * HTTP" (draft-ietf-httpapi-ratelimit-headers-09): the quota and window of each bucket,
 * {@code RateLimit-Policy: "address";q=1200;w=60, "session";q=600;w=60}, and the requests left and seconds until the
 * bucket is full again, {@code RateLimit: "address";r=1187;t=1, "session";r=598;t=1}. A script can slow down before
 * it gets a 429.
 */
@ApplicationScoped
public class RateLimits {

    private static final String ADDRESS = "address";
    private static final String SESSION = "session";

    private final GatewayConfig.RateLimit config;
    private final Cache<String, Bucket> buckets;
    private final String addressPolicy;
    private final String bothPolicies;

    public RateLimits(GatewayConfig config) {
        this.config = config.rateLimit();
        Duration longest = max(this.config.address().period(), this.config.session().period());
        this.buckets = Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(longest).build();
        this.addressPolicy = policy(ADDRESS, this.config.address());
        this.bothPolicies = addressPolicy + ", " + policy(SESSION, this.config.session());
    }

    public void check(RoutingContext context) {
        if (!config.enabled()) {
            context.next();
            return;
        }
        HttpServerRequest request = context.request();
        ConsumptionProbe address = take("address:" + ClientAddress.of(request), config.address());
        String session = sessionKey(request);
        ConsumptionProbe perSession = address.isConsumed() && session != null ? take(session, config.session()) : null;
        StringBuilder state = new StringBuilder(64);
        describe(state, ADDRESS, address, config.address());
        if (perSession != null) {
            describe(state.append(", "), SESSION, perSession, config.session());
        }
        context.response()
                .putHeader("RateLimit-Policy", session == null ? addressPolicy : bothPolicies)
                .putHeader("RateLimit", state.toString());
        ConsumptionProbe refused = !address.isConsumed() ? address
                : perSession != null && !perSession.isConsumed() ? perSession : null;
        if (refused != null) {
            long seconds = secondsUntil(Math.max(1, refused.getNanosToWaitForRefill()));
            context.response().putHeader("Retry-After", Long.toString(seconds));
            Problems.send(context, 429, "rate_limited", "Too many requests",
                    "Too many requests. Try again in " + seconds + " seconds.");
            return;
        }
        context.next();
    }

    /** Takes one token if there is one. */
    private ConsumptionProbe take(String key, GatewayConfig.Bucket limit) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build());
        return bucket.tryConsumeAndReturnRemaining(1);
    }

    private static String policy(String name, GatewayConfig.Bucket limit) {
        return "\"" + name + "\";q=" + limit.capacity() + ";w=" + limit.period().toSeconds();
    }

    /** {@code "name";r=<requests left>;t=<seconds until the bucket is full again>} (tokens refill evenly). */
    private static void describe(StringBuilder state, String name, ConsumptionProbe probe, GatewayConfig.Bucket limit) {
        long left = probe.getRemainingTokens();
        long missing = limit.capacity() - left;
        long untilFull = missing <= 0 ? 0 : secondsUntil(limit.period().toNanos() / limit.capacity() * missing);
        state.append('"').append(name).append("\";r=").append(left).append(";t=").append(untilFull);
    }

    private static long secondsUntil(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999L));
    }

    private static String sessionKey(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            return "bearer:" + SessionCookie.fingerprint(authorization);
        }
        Cookie cookie = request.getCookie(SessionCookie.NAME);
        return cookie == null || cookie.getValue().isBlank() ? null : "session:" + SessionCookie.fingerprint(cookie.getValue());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
