package dev.aistudio.image.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Every query names the owner: another person's job is simply not found. */
@ApplicationScoped
public class ImageJobRepository implements PanacheRepositoryBase<ImageJob, UUID> {

    public Uni<ImageJob> findOwned(UUID id, UUID ownerId) {
        return find("id = :id and ownerId = :owner", Parameters.with("id", id).and("owner", ownerId)).firstResult();
    }

    /** One page of the gallery, newest first, after the keyset cursor (exclusive). */
    public Uni<List<ImageJob>> page(UUID ownerId, Instant afterCreated, UUID afterId, int limit) {
        if (afterCreated == null) {
            return find("ownerId = :owner order by createdAt desc, id desc", Parameters.with("owner", ownerId))
                    .page(0, limit).list();
        }
        return find("ownerId = :owner and (createdAt < :created or (createdAt = :created and id < :id)) "
                + "order by createdAt desc, id desc",
                Parameters.with("owner", ownerId).and("created", afterCreated).and("id", afterId))
                .page(0, limit).list();
    }

    public Uni<Long> countActive(UUID ownerId) {
        return count("ownerId = ?1 and status in ?2", ownerId, List.of(JobStatus.queued, JobStatus.running));
    }

    public Uni<Integer> cancel(UUID id, UUID ownerId, Instant now) {
        return update("status = ?1, finishedAt = ?2, leaseOwner = null, leaseExpiresAt = null "
                + "where id = ?3 and ownerId = ?4 and status in ?5",
                JobStatus.cancelled, now, id, ownerId, List.of(JobStatus.queued, JobStatus.running));
    }

    public Uni<Long> deleteOwned(UUID id, UUID ownerId) {
        return delete("id = ?1 and ownerId = ?2", id, ownerId);
    }
}
