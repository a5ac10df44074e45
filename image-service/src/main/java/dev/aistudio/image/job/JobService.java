package dev.aistudio.image.job;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.image.config.ImageConfig;
import dev.aistudio.image.events.JobChanges;
import dev.aistudio.image.model.ImageModel;
import dev.aistudio.image.model.ModelCatalog;
import dev.aistudio.problem.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Accepts, lists, cancels and deletes a person's jobs. The workers in {@code worker/} run them. */
@ApplicationScoped
public class JobService {

    public static final int MAX_PAGE = 100;

    private final ImageJobRepository jobs;
    private final ModelCatalog catalog;
    private final ImageConfig config;
    private final JobChanges changes;

    public JobService(ImageJobRepository jobs, ModelCatalog catalog, ImageConfig config, JobChanges changes) {
        this.jobs = jobs;
        this.catalog = catalog;
        this.config = config;
        this.changes = changes;
    }

    /** One page of the gallery and the cursor of the next, if any. */
    public record Page(List<JobView> items, String next) {
    }

    public Uni<ImageJob> submit(UUID ownerId, ImageRequest request) {
        ImageModel model = catalog.find(request.model()).orElseThrow(() -> Problems.invalidFields("unknown_model",
                List.of(violation("model", "is not one of the models listed at /api/images/models"))));
        if (!model.available()) {
            throw Problems.of(409, "model_unavailable", "Model unavailable", "The model " + model.id()
                    + " is not available now: its provider is not configured (HF_TOKEN is not set).");
        }
        ImageJob job = validated(ownerId, model, request);
        return Panache.withTransaction(() -> jobs.countActive(ownerId).flatMap(active -> {
            if (active >= config.maxQueuedPerUser()) {
                throw Problems.of(429, "too_many_jobs", "Too many jobs", "You already have " + active
                        + " images queued or generating; wait for one to finish (at most "
                        + config.maxQueuedPerUser() + ").");
            }
            return jobs.persist(job);
        })).call(saved -> changes.publish(saved.id, ownerId, saved.status));
    }

    public Uni<ImageJob> find(UUID id, UUID ownerId) {
        return Panache.withSession(() -> jobs.findOwned(id, ownerId));
    }

    public Uni<Page> page(UUID ownerId, String cursor, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        Cursor after = Cursor.parse(cursor);
        return Panache.withSession(() -> jobs.page(ownerId, after == null ? null : after.createdAt(),
                after == null ? null : after.id(), size + 1))
                .map(found -> {
                    boolean more = found.size() > size;
                    List<ImageJob> items = more ? found.subList(0, size) : found;
                    String next = more ? new Cursor(items.get(size - 1).createdAt, items.get(size - 1).id).encode() : null;
                    return new Page(items.stream().map(JobView::of).toList(), next);
                });
    }

    /**
     * What a DELETE did: an active job was cancelled ({@code cancelled} is the job as it is now), or a finished one was
     * deleted with its bytes ({@code cancelled} is null); {@code status} is what the change is announced with.
     */
    public record Removal(ImageJob cancelled, JobStatus status) {

        static Removal cancelled(ImageJob job) {
            return new Removal(job, job.status);
        }

        static Removal deleted(JobStatus hadStatus) {
            return new Removal(null, hadStatus);
        }

        public boolean deleted() {
            return cancelled == null;
        }
    }

    /** Cancels a queued or running job, or deletes a finished one with its bytes. */
    public Uni<Removal> cancelOrDelete(UUID id, UUID ownerId) {
        return Panache.withTransaction(() -> jobs.findOwned(id, ownerId)
                .onItem().ifNull().failWith(() -> Problems.notFound("image"))
                .flatMap(job -> {
                    if (job.status.isActive()) {
                        return jobs.cancel(id, ownerId, Instant.now())
                                .flatMap(n -> Panache.getSession().flatMap(session -> session.refresh(job)))
                                .map(refreshed -> Removal.cancelled(job));
                    }
                    JobStatus had = job.status;
                    return jobs.deleteOwned(id, ownerId).map(n -> Removal.deleted(had));
                }))
                // a deletion is announced too: event streams find the job gone and send `deleted`
                .call(removal -> changes.publish(id, ownerId, removal.status()));
    }

    private ImageJob validated(UUID ownerId, ImageModel model, ImageRequest request) {
        ImageModel.Parameters p = model.parameters();
        List<Map<String, String>> violations = new ArrayList<>();
        int width = checkInt("width", request.width(), p.width(), violations);
        int height = checkInt("height", request.height(), p.height(), violations);
        Integer steps = p.steps() == null ? null : checkInt("steps", request.steps(), p.steps(), violations);
        Double guidance = null;
        if (p.guidance() != null) {
            guidance = request.guidance() == null ? p.guidance().defaultValue() : request.guidance();
            if (guidance < p.guidance().min() || guidance > p.guidance().max() || guidance.isNaN()) {
                violations.add(violation("guidance", "must be between " + p.guidance().min() + " and " + p.guidance().max()));
            }
        } else if (request.guidance() != null) {
            violations.add(violation("guidance", "is not accepted by " + model.id()));
        }
        if (request.steps() != null && p.steps() == null) {
            violations.add(violation("steps", "is not accepted by " + model.id()));
        }
        String negative = request.negativePrompt() == null || request.negativePrompt().isBlank() ? null
                : request.negativePrompt().strip();
        if (negative != null && !p.negativePrompt()) {
            violations.add(violation("negativePrompt", "is not accepted by " + model.id()));
        }
        if (!violations.isEmpty()) {
            throw Problems.invalidFields("invalid_parameters", violations);
        }
        ImageJob job = new ImageJob();
        job.id = UUID.randomUUID();
        job.ownerId = ownerId;
        job.model = model.id();
        job.provider = model.provider();
        job.prompt = request.prompt().strip();
        job.negativePrompt = negative;
        job.width = width;
        job.height = height;
        job.steps = steps;
        job.guidance = guidance;
        job.seed = request.seed() != null ? request.seed() : ThreadLocalRandom.current().nextLong(0, 1L << 32);
        job.status = JobStatus.queued;
        // PostgreSQL keeps microseconds; truncating here keeps the keyset cursor exact.
        job.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        job.nextAttemptAt = job.createdAt;
        return job;
    }

    private static int checkInt(String field, Integer value, ImageModel.IntRange range, List<Map<String, String>> violations) {
        if (range == null) {
            return value == null ? 0 : value;
        }
        int v = value == null ? range.defaultValue() : value;
        if (v < range.min() || v > range.max()) {
            violations.add(violation(field, "must be between " + range.min() + " and " + range.max()));
        } else if (range.step() != null && range.step() > 1 && v % range.step() != 0) {
            violations.add(violation(field, "must be a multiple of " + range.step()));
        }
        return v;
    }

    private static Map<String, String> violation(String field, String message) {
        return Map.of("field", field, "in", "body", "message", message);
    }

    /** Keyset position: creation time and id of the last item shown. */
    record Cursor(Instant createdAt, UUID id) {

        String encode() {
            String raw = createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
                return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                        UUID.fromString(parts[2]));
            } catch (RuntimeException e) {
                throw Problems.invalidFields("invalid_cursor", List.of(Map.of("field", "cursor", "in", "query",
                        "message", "is not a cursor from a previous page")));
            }
        }
    }
}
