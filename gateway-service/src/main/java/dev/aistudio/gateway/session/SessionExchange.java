package dev.aistudio.gateway.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import dev.aistudio.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;

/**
 * Swaps a browser session for user-service's short-lived bearer token and keeps the answer briefly (bounded, keyed by
 * the secret's fingerprint). Concurrent requests of one session share one exchange. A token is never kept past the
 * configured TTL nor within a safety margin of its own expiry, and is dropped at logout.
 */
@ApplicationScoped
public class SessionExchange {

    /** Tokens this close to expiry are not handed out: a request still has to travel through a service. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(20);
    /** How long "this session is over" is remembered. */
    private static final Duration ENDED_TTL = Duration.ofSeconds(10);

    /** user-service could not answer in time; the session may well be fine. */
    public static final class ExchangeUnavailable extends RuntimeException {
        ExchangeUnavailable(Throwable cause) {
            super("session exchange unavailable", cause, false, false);
        }
    }

    private final SessionExchangeClient client;
    /** Fingerprint -> token, or empty for a session user-service said is over (kept briefly too, to spare it floods). */
    private final AsyncCache<String, Optional<SessionToken>> cache;
    private final Duration timeout;

    public SessionExchange(@RestClient SessionExchangeClient client, GatewayConfig config) {
        this.client = client;
        this.timeout = config.session().exchangeTimeout();
        Duration ttl = config.session().cacheTtl();
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.session().cacheSize())
                .expireAfter(Expiry.<String, Optional<SessionToken>>creating((key, token) -> keepFor(token, ttl)))
                .buildAsync();
    }

    /**
     * The bearer token for a session secret, from the cache or from user-service; empty when the session is over
     * (expired, revoked or unknown). Fails with {@link ExchangeUnavailable} when user-service cannot say.
     */
    public CompletableFuture<Optional<SessionToken>> tokenFor(String secret, String requestId) {
        return cache.get(SessionCookie.fingerprint(secret), (key, executor) -> exchange(secret, requestId));
    }

    /** Drops the cached token of one session. */
    public void forget(String secret) {
        cache.synchronous().invalidate(SessionCookie.fingerprint(secret));
    }

    /** Drops every cached token of an account (a logout may have ended all its sessions). */
    public void forgetUser(UUID userId) {
        cache.synchronous().asMap().values().removeIf(token -> token.isPresent() && token.get().userId().equals(userId));
    }

    /** The request id of the request that needed the exchange goes along, so user-service's log line matches it. */
    private CompletableFuture<Optional<SessionToken>> exchange(String secret, String requestId) {
        return client.exchange(requestId, new ExchangeRequest(secret))
                .ifNoItem().after(timeout).fail()
                .map(answer -> Optional.of(new SessionToken(answer.accessToken(),
                        Instant.now().plusSeconds(answer.expiresIn()), answer.sessionId(), answer.user().id())))
                .onFailure(SessionExchange::isRefusal).recoverWithItem(Optional.empty())
                .onFailure().transform(failure -> {
                    Log.warnf("session exchange with user-service failed: %s", failure.toString());
                    return new ExchangeUnavailable(failure);
                })
                .subscribeAsCompletionStage();
    }

    /** A 4xx from the exchange means this secret names no live session (401 session_ended, or not even a valid id). */
    private static boolean isRefusal(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse().getStatus() >= 400
                && web.getResponse().getStatus() < 500;
    }

    private static Duration keepFor(Optional<SessionToken> exchanged, Duration ttl) {
        if (exchanged.isEmpty()) {
            return ENDED_TTL.compareTo(ttl) < 0 ? ENDED_TTL : ttl;
        }
        Duration untilExpiry = Duration.between(Instant.now(), exchanged.get().tokenExpiresAt()).minus(EXPIRY_MARGIN);
        Duration keep = untilExpiry.compareTo(ttl) < 0 ? untilExpiry : ttl;
        return keep.isNegative() ? Duration.ZERO : keep;
    }
}
