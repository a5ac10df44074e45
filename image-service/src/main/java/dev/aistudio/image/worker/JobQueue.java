package dev.aistudio.image.worker;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.image.config.ImageConfig;
import dev.aistudio.image.db.DatabasePool;
import dev.aistudio.image.job.ImageJob;
import dev.aistudio.image.worker.ImageChecks.CheckedImage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The durable queue in {@code image_jobs}. Workers claim with {@code FOR UPDATE SKIP LOCKED} under a lease, so
 * replicas share the work and never run one job twice at once; a job whose lease lapsed (its worker died) is claimed
 * again. Every write is fenced by the lease owner and the attempt it claimed (a worker that took back its own job after
 * a lapsed lease must not have the older run's outcome overwrite the newer one), and every change is announced with
 * NOTIFY in the same statement. Every call is bounded by {@code studio.db.timeout}: a call on a connection that went
 * dead without a word (partition, failover) fails in bounded time instead of stopping the worker for good.
 */
@ApplicationScoped
public class JobQueue {

    private static final String NOTIFY = " select pg_notify('image_jobs', json_build_object('id', id, 'ownerId', owner_id, "
            + "'status', status)::text) from changed";

    private final Pool pool;
    private final ImageConfig config;
    private final Duration timeout;

    public JobQueue(Pool pool, ImageConfig config, DatabasePool database) {
        this.pool = pool;
        this.config = config;
        this.timeout = database.timeout();
    }

    /** The call, failing with a TimeoutException when the database has not answered in time. */
    private <T> Uni<T> bounded(String what, Uni<T> call) {
        return call.ifNoItem().after(timeout).failWith(() -> new TimeoutException(
                "the database did not answer the " + what + " within " + timeout.toMillis() + " ms"));
    }

    /** A claimed job: what the provider needs, and the attempt number. */
    public record Claim(UUID id, UUID ownerId, int attempts) {
    }

    public Uni<List<Claim>> claim(String worker, int max) {
        String sql = """
                with next as (
                  select id from image_jobs
                  where (status = 'queued' and next_attempt_at <= now())
                     or (status = 'running' and lease_expires_at < now())
                  order by next_attempt_at
                  limit $2
                  for update skip locked),
                changed as (
                  update image_jobs j set status = 'running', lease_owner = $1,
                    lease_expires_at = now() + make_interval(secs => $3), attempts = j.attempts + 1,
                    started_at = coalesce(j.started_at, now())
                  from next where j.id = next.id
                  returning j.id, j.owner_id, j.status, j.attempts),
                notified as (""" + NOTIFY + """
                )
                select id, owner_id, attempts from changed, (select count(*) from notified) n""";
        return bounded("claim", pool.preparedQuery(sql).execute(Tuple.of(worker, max, (double) config.lease().toSeconds())))
                .map(rows -> {
                    List<Claim> claims = new java.util.ArrayList<>();
                    for (Row row : rows) {
                        claims.add(new Claim(row.getUUID("id"), row.getUUID("owner_id"), row.getInteger("attempts")));
                    }
                    return claims;
                });
    }

    /** What a provider needs of a claimed job (read with plain SQL: workers run outside request contexts). */
    public Uni<ImageJob> load(UUID id) {
        return bounded("load", pool.preparedQuery("select id, owner_id, model, provider, prompt, negative_prompt, width, "
                + "height, steps, guidance, seed from image_jobs where id = $1").execute(Tuple.of(id)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    ImageJob job = new ImageJob();
                    job.id = row.getUUID("id");
                    job.ownerId = row.getUUID("owner_id");
                    job.model = row.getString("model");
                    job.provider = row.getString("provider");
                    job.prompt = row.getString("prompt");
                    job.negativePrompt = row.getString("negative_prompt");
                    job.width = row.getInteger("width");
                    job.height = row.getInteger("height");
                    job.steps = row.getInteger("steps");
                    job.guidance = row.getDouble("guidance");
                    job.seed = row.getLong("seed");
                    return job;
                });
    }

    /** Extends the leases of the jobs this worker is still running; answers the ones it still holds. */
    public Uni<Set<UUID>> renew(String worker, List<UUID> running) {
        if (running.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return bounded("lease renewal", pool.preparedQuery("update image_jobs set lease_expires_at = now() "
                + "+ make_interval(secs => $1) where lease_owner = $2 and status = 'running' and id = any($3) returning id")
                .execute(Tuple.of((double) config.lease().toSeconds(), worker, running.toArray(UUID[]::new))))
                .map(rows -> {
                    Set<UUID> held = new HashSet<>();
                    rows.forEach(row -> held.add(row.getUUID("id")));
                    return held;
                });
    }

    /** Stores the image and marks the job done; false if the job was cancelled or taken over meanwhile. */
    public Uni<Boolean> succeed(Claim claim, String worker, CheckedImage image, long generationMs) {
        String sql = """
                with changed as (
                  update image_jobs set status = 'succeeded', finished_at = now(), lease_owner = null,
                    lease_expires_at = null, generation_ms = $3, content_type = $4, byte_size = $5, sha256 = $6,
                    error_code = null, error_detail = null
                  where id = $1 and lease_owner = $2 and attempts = $10 and status = 'running'
                  returning id, owner_id, status),
                stored as (
                  insert into image_blobs (job_id, content, thumbnail, thumbnail_type)
                  select id, $7, $8, $9 from changed),
                notified as (""" + NOTIFY + """
                )
                select count(*) as n from changed, (select count(*) from notified) x""";
        return bounded("store of the image", pool.withTransaction(client -> client.preparedQuery(sql).execute(Tuple.tuple(
                List.of(claim.id(), worker, (int) generationMs, image.contentType(), image.bytes().length, image.sha256(),
                        io.vertx.core.buffer.Buffer.buffer(image.bytes()),
                        io.vertx.core.buffer.Buffer.buffer(image.thumbnail()), image.thumbnailType(), claim.attempts())))))
                .map(rows -> rows.iterator().next().getLong("n") > 0);
    }

    /** Puts the job back in the queue to be tried again after the delay. */
    public Uni<Void> retryLater(Claim claim, String worker, Duration delay, String code, String detail) {
        String sql = """
                with changed as (
                  update image_jobs set status = 'queued', lease_owner = null, lease_expires_at = null,
                    next_attempt_at = now() + make_interval(secs => $3), error_code = $4, error_detail = $5
                  where id = $1 and lease_owner = $2 and attempts = $6 and status = 'running'
                  returning id, owner_id, status)""" + NOTIFY;
        return bounded("requeue", pool.preparedQuery(sql).execute(Tuple.of(claim.id(), worker, delay.toMillis() / 1000.0,
                code, detail, claim.attempts()))).replaceWithVoid();
    }

    /** Marks the job failed with its reason; false if the job was cancelled or taken over meanwhile. */
    public Uni<Boolean> fail(Claim claim, String worker, String code, String detail) {
        String sql = """
                with changed as (
                  update image_jobs set status = 'failed', finished_at = now(), lease_owner = null,
                    lease_expires_at = null, error_code = $3, error_detail = $4
                  where id = $1 and lease_owner = $2 and attempts = $5 and status = 'running'
                  returning id, owner_id, status),
                notified as (""" + NOTIFY + """
                )
                select count(*) as n from changed, (select count(*) from notified) x""";
        return bounded("failure", pool.preparedQuery(sql).execute(Tuple.of(claim.id(), worker, code, detail, claim.attempts())))
                .map(rows -> rows.iterator().next().getLong("n") > 0);
    }
}
