package dev.aistudio.chat.auth;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;

import dev.aistudio.chat.config.ChatConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer tokens that quarkus-oidc has already verified (signature, issuer, audience, expiry), with the identity it made
 * of each, so that the next request with the same token skips the check (the largest single piece of a request's
 * work on the event loop before the resource method). Only an identity quarkus-oidc built goes in
 * ({@link VerifiedTokenRecorder}); a token that failed its check is never here, so it is checked (and refused) every
 * time. An entry lives until the token expires (the same test as the check's: valid while now is before {@code exp},
 * no clock skew) or {@code studio.chat.token-cache-max-age}, whichever comes first, and the cache holds at most
 * {@code studio.chat.token-cache-size} tokens (0 turns it off). The key is the whole token, compared in full.
 *
 * <p>What an entry keeps is the identity without the first request's own objects (its routing context and
 * authentication context); each hit gets a fresh identity with the current request's. chat-service has one OIDC
 * tenant, so a token verified once is verified for every request.
 */
@ApplicationScoped
public class VerifiedTokens {

    /** Marks an identity that came from this cache, so it is not put back (its lifetime would not change anyway). */
    static final String FROM_CACHE = VerifiedTokens.class.getName();

    /** The identity attributes that belong to one request, not to the token. */
    private static final Set<String> PER_REQUEST = Set.of(RoutingContext.class.getName(),
            AuthenticationRequestContext.class.getName());

    private record Entry(QuarkusSecurityIdentity identity, long expiresAtMillis) {
    }

    private final Cache<String, Entry> cache;
    private final long maxAgeMillis;

    public VerifiedTokens(ChatConfig config) {
        this.maxAgeMillis = config.tokenCacheMaxAge().toMillis();
        this.cache = config.tokenCacheSize() <= 0 || maxAgeMillis <= 0 ? null
                : Caffeine.newBuilder().maximumSize(config.tokenCacheSize())
                        .expireAfter(Expiry.<String, Entry> creating((token, entry) -> untilExpiry(entry)))
                        .recordStats().build();
    }

    /**
     * How long an entry may live from now: until its expiry instant, measured from the current instant (microseconds
     * on Linux, so the entry lapses within microseconds of it; never negative).
     */
    private static Duration untilExpiry(Entry entry) {
        Duration left = Duration.between(Instant.now(), Instant.ofEpochMilli(entry.expiresAtMillis()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * The identity for an already verified token, made for this request ({@code routingContext}, {@code context}),
     * or null: not seen, expired, or the cache is off. Caffeine checks an entry's expiry on every read (an entry past
     * it is never returned, whether or not it has been evicted yet), so there is no expiry test of our own here.
     */
    SecurityIdentity identity(String token, RoutingContext routingContext, AuthenticationRequestContext context) {
        if (cache == null) {
            return null;
        }
        Entry entry = cache.getIfPresent(token);
        if (entry == null) {
            return null;
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .addAttributes(entry.identity().getAttributes())
                .addAttribute(FROM_CACHE, Boolean.TRUE)
                .addAttribute(AuthenticationRequestContext.class.getName(), context)
                .setPrincipal(entry.identity().getPrincipal())
                .addCredentials(entry.identity().getCredentials())
                .addRoles(entry.identity().getRoles())
                .addPermissions(entry.identity().getPermissions());
        if (routingContext != null) {
            builder.addAttribute(RoutingContext.class.getName(), routingContext);
        }
        return builder.build();
    }

    /**
     * Keeps an identity quarkus-oidc made for a bearer JWT it verified. Anything else is left out: an identity from
     * this cache, an anonymous one, one whose principal is not the JWT of its access token credential, one that is
     * not a plain {@link QuarkusSecurityIdentity} (its permissions could not be copied), one about to expire.
     */
    void remember(SecurityIdentity identity) {
        if (cache == null || identity.isAnonymous() || identity.getAttribute(FROM_CACHE) != null
                || !(identity instanceof QuarkusSecurityIdentity verified)) {
            return;
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        Principal principal = identity.getPrincipal();
        if (credential == null || credential.getToken() == null || !(principal instanceof JsonWebToken jwt)
                || !credential.getToken().equals(jwt.getRawToken())) {
            return;
        }
        long now = System.currentTimeMillis();
        long expiresAt = Math.min(jwt.getExpirationTime() * 1000L, now + maxAgeMillis);
        if (expiresAt <= now) {
            return;
        }
        QuarkusSecurityIdentity.Builder kept = QuarkusSecurityIdentity.builder().setPrincipal(principal)
                .addCredentials(identity.getCredentials()).addRoles(identity.getRoles())
                .addPermissions(verified.getPermissions());
        identity.getAttributes().forEach((name, value) -> {
            if (!PER_REQUEST.contains(name)) {
                kept.addAttribute(name, value);
            }
        });
        cache.asMap().putIfAbsent(credential.getToken(), new Entry(kept.build(), expiresAt));
    }

    /** Hits and misses so far (for tests). */
    CacheStats stats() {
        return cache == null ? CacheStats.empty() : cache.stats();
    }

    /** Tokens held now (for tests; runs pending evictions first). */
    long size() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
