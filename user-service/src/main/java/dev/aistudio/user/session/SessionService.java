package dev.aistudio.user.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.user.account.Account;
import dev.aistudio.user.account.AccountRepository;
import dev.aistudio.user.config.SessionConfig;
import dev.aistudio.user.config.TokenConfig;
import dev.aistudio.problem.Problems;
import dev.aistudio.user.token.TokenIssuer;
import dev.aistudio.user.token.TokenIssuer.AccessToken;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Opens, checks, extends and ends sessions, and swaps a live session for an access token. */
@ApplicationScoped
public class SessionService {

    /** Extending the idle expiry on every request would write on every request; once a minute is plenty. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionRepository sessions;
    private final AccountRepository accounts;
    private final SessionConfig config;
    private final TokenConfig tokenConfig;
    private final TokenIssuer tokens;

    public SessionService(SessionRepository sessions, AccountRepository accounts, SessionConfig config,
            TokenConfig tokenConfig, TokenIssuer tokens) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.config = config;
        this.tokenConfig = tokenConfig;
        this.tokens = tokens;
    }

    /** A new session with the secret its holder presents; the secret is not kept anywhere. */
    public record Opened(Session session, String secret) {
    }

    /** What the gateway gets for a live session cookie. */
    public record Exchanged(Session session, Account account, AccessToken token) {
    }

    public Uni<Opened> open(Account account, Session.Kind kind, String userAgent, String clientAddress) {
        Instant now = Instant.now();
        String secret = newSecret();
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.accountId = account.id;
        session.tokenHash = hash(secret);
        session.kind = kind;
        session.createdAt = now;
        session.lastSeenAt = now;
        if (kind == Session.Kind.api) {
            session.idleExpiresAt = now.plus(tokenConfig.ttl());
            session.absoluteExpiresAt = session.idleExpiresAt;
        } else {
            session.absoluteExpiresAt = now.plus(config.absoluteTimeout());
            session.idleExpiresAt = earliest(now.plus(config.idleTimeout()), session.absoluteExpiresAt);
        }
        session.userAgent = truncate(userAgent, 255);
        session.clientAddress = truncate(clientAddress, 64);
        return Panache.withTransaction(() -> sessions.persist(session)).replaceWith(new Opened(session, secret));
    }

    /** Swaps the opaque session id for a short-lived token, extending the session's idle expiry. */
    public Uni<Exchanged> exchange(String secret) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> sessions.findActiveByHash(hash(secret), now)
                .onItem().ifNull().failWith(() -> Problems.unauthorized("session_ended",
                        "The session has ended or does not exist. Sign in again."))
                .invoke(session -> touch(session, now))
                .flatMap(session -> accounts.findById(session.accountId)
                        .onItem().ifNull().failWith(() -> Problems.unauthorized("session_ended",
                                "The account of this session no longer exists."))
                        .map(account -> new Exchanged(session, account, null))))
                .flatMap(found -> tokens.issue(found.account().id, found.account().username, found.session().id)
                        .map(token -> new Exchanged(found.session(), found.account(), token)));
    }

    public Uni<Session> findActive(UUID sessionId, UUID accountId) {
        return Panache.withSession(() -> sessions.findActive(sessionId, accountId, Instant.now()));
    }

    public Uni<List<Session>> listActive(UUID accountId) {
        return Panache.withSession(() -> sessions.listActive(accountId, Instant.now()));
    }

    /** Ends one of the account's sessions; false when it has no such live session. */
    public Uni<Boolean> revoke(UUID sessionId, UUID accountId) {
        return Panache.withTransaction(() -> sessions.revoke(sessionId, accountId, Instant.now())).map(n -> n > 0);
    }

    public Uni<Void> revokeBySecret(String secret) {
        return Panache.withTransaction(() -> sessions.revokeByHash(hash(secret), Instant.now())).replaceWithVoid();
    }

    public Uni<Integer> revokeAll(UUID accountId) {
        return Panache.withTransaction(() -> sessions.revokeAll(accountId, Instant.now()));
    }

    /** Ends every session of the account but one (the caller's, after a password change). */
    public Uni<Integer> revokeAllBut(UUID accountId, UUID keep) {
        return Panache.withTransaction(() -> sessions.revokeAllBut(accountId, keep, Instant.now()));
    }

    @Scheduled(every = "${studio.session.purge-every:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeEnded() {
        return purgeEndedBefore(Instant.now().minus(config.keepEnded()));
    }

    public Uni<Void> purgeEndedBefore(Instant cutoff) {
        return Panache.withTransaction(() -> sessions.deleteEndedBefore(cutoff))
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("Purged %d ended sessions", n);
                    }
                })
                .replaceWithVoid();
    }

    private void touch(Session session, Instant now) {
        if (session.lastSeenAt.plus(TOUCH_EVERY).isBefore(now) && session.kind == Session.Kind.browser) {
            session.lastSeenAt = now;
            session.idleExpiresAt = earliest(now.plus(config.idleTimeout()), session.absoluteExpiresAt);
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
