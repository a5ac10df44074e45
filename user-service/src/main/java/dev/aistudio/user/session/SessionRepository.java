package dev.aistudio.user.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<Session, UUID> {

    private static final String ACTIVE = "revokedAt is null and idleExpiresAt > :now and absoluteExpiresAt > :now";

    public Uni<Session> findActiveByHash(byte[] tokenHash, Instant now) {
        return find("tokenHash = :hash and " + ACTIVE, Parameters.with("hash", tokenHash).and("now", now))
                .firstResult();
    }

    public Uni<Session> findActive(UUID id, UUID accountId, Instant now) {
        return find("id = :id and accountId = :account and " + ACTIVE,
                Parameters.with("id", id).and("account", accountId).and("now", now)).firstResult();
    }

    public Uni<List<Session>> listActive(UUID accountId, Instant now) {
        return find("accountId = :account and " + ACTIVE + " order by lastSeenAt desc",
                Parameters.with("account", accountId).and("now", now)).list();
    }

    public Uni<Integer> revoke(UUID id, UUID accountId, Instant now) {
        return update("revokedAt = :now where id = :id and accountId = :account and revokedAt is null",
                Parameters.with("now", now).and("id", id).and("account", accountId));
    }

    public Uni<Integer> revokeByHash(byte[] tokenHash, Instant now) {
        return update("revokedAt = :now where tokenHash = :hash and revokedAt is null",
                Parameters.with("now", now).and("hash", tokenHash));
    }

    public Uni<Integer> revokeAll(UUID accountId, Instant now) {
        return update("revokedAt = :now where accountId = :account and revokedAt is null",
                Parameters.with("now", now).and("account", accountId));
    }

    public Uni<Integer> revokeAllBut(UUID accountId, UUID keep, Instant now) {
        return update("revokedAt = :now where accountId = :account and revokedAt is null and id <> :keep",
                Parameters.with("now", now).and("account", accountId).and("keep", keep));
    }

    /** Deletes sessions that ended before the cut-off, whichever way they ended. */
    public Uni<Long> deleteEndedBefore(Instant cutoff) {
        return delete("revokedAt < :cutoff or idleExpiresAt < :cutoff or absoluteExpiresAt < :cutoff",
                Parameters.with("cutoff", cutoff));
    }
}
