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
 */
@ApplicationScoped
public class RateLimits {

    private final GatewayConfig.RateLimit config;
    private final Cache<String, Bucket> buckets;

    public RateLimits(GatewayConfig config) {
        this.config = config.rateLimit();
        Duration longest = max(this.config.address().period(), this.config.session().period());
        this.buckets = Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(longest).build();
    }

    public void check(RoutingContext context) {
        if (!config.enabled()) {
            context.next();
            return;
        }
        HttpServerRequest request = context.request();
        long waitNanos = take("address:" + ClientAddress.of(request), config.address());
        String session = sessionKey(request);
        if (waitNanos == 0 && session != null) {
            waitNanos = take(session, config.session());
        }
        if (waitNanos > 0) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
            context.response().putHeader("Retry-After", Long.toString(seconds));
            Problems.send(context, 429, "rate_limited", "Too many requests",
                    "Too many requests. Try again in " + seconds + " seconds.");
            return;
        }
        context.next();
    }

    /** Takes one token; answers 0 when it was there, else how long until one will be. */
    private long take(String key, GatewayConfig.Bucket limit) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
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
