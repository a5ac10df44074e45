package dev.aistudio.image.worker;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import dev.aistudio.image.config.ImageConfig;
import dev.aistudio.image.events.JobChanges;
import dev.aistudio.image.job.ImageJob;
import dev.aistudio.image.job.JobStatus;
import dev.aistudio.image.provider.ImageProvider;
import dev.aistudio.image.provider.ProviderFailure;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;

/**
 * Runs jobs from the queue, at most {@code studio.images.workers} at once on this replica. It claims when a job is
 * queued (NOTIFY) and on a timer, renews its leases while it works, retries what the provider says to retry (with
 * backoff honouring Retry-After / estimated_time, up to max-attempts), and cancels its own call when a job is cancelled.
 * A run whose lease it could not renew in time (the database unreachable) is abandoned once the lease may have lapsed:
 * another worker may hold the job by then, and only one of them should be calling the provider.
 */
@ApplicationScoped
public class JobWorker {

    private final JobQueue queue;
    private final ImageChecks checks;
    private final ImageConfig config;
    private final JobChanges changes;
    private final Vertx vertx;
    private final Map<String, ImageProvider> providers = new ConcurrentHashMap<>();
    private final Map<UUID, Run> running = new ConcurrentHashMap<>();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final String name = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private volatile boolean stopping;

    public JobWorker(JobQueue queue, ImageChecks checks, ImageConfig config, JobChanges changes, Vertx vertx,
            Instance<ImageProvider> all) {
        this.queue = queue;
        this.checks = checks;
        this.config = config;
        this.changes = changes;
        this.vertx = vertx;
        all.forEach(p -> providers.put(p.name(), p));
    }

    void start(@Observes StartupEvent start) {
        changes.stream().subscribe().with(change -> {
            if (change.status() == JobStatus.queued) {
                poll().subscribe().with(v -> { }, this::logFailure);
            } else if (change.status() == JobStatus.cancelled) {
                Run run = running.remove(change.id());
                if (run != null) {
                    Log.infof("Job %s was cancelled: stopping its provider call", change.id());
                    run.cancel();
                }
            }
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        // Jobs still running are left to their leases: another replica (or the next start) takes them over.
        stopping = true;
    }

    public String name() {
        return name;
    }

    @Scheduled(every = "${studio.images.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        abandonLapsedRuns();
        int free = config.workers() - running.size();
        if (stopping || free <= 0 || !claiming.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        long asked = System.nanoTime();
        return queue.claim(name, free)
                .invoke(claims -> claims.forEach(claim -> run(claim, asked)))
                .eventually(() -> claiming.set(false))
                .onFailure().invoke(failure -> Log.warnf("Image worker could not claim jobs: %s", describe(failure)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @Scheduled(every = "${studio.images.renew-every:20s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> renewLeases() {
        List<Run> runs = List.copyOf(running.values());
        long asked = System.nanoTime();
        return queue.renew(name, runs.stream().map(run -> run.claim.id()).toList())
                .invoke(held -> runs.forEach(run -> {
                    if (held.contains(run.claim.id())) {
                        run.leaseHeld(asked + config.lease().toNanos());
                    } else if (running.remove(run.claim.id(), run)) {
                        // finished meanwhile (then cancelling is a no-op), cancelled, or taken over by another worker
                        Log.infof("Job %s: this worker no longer holds its lease; stopping its run", run.claim.id());
                        run.cancel();
                    }
                }))
                .onFailure().invoke(failure -> Log.warnf("Image worker could not renew its leases: %s", describe(failure)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Runs whose lease may have lapsed (renewals failed, e.g. the database was unreachable) are given up. */
    private void abandonLapsedRuns() {
        long now = System.nanoTime();
        running.values().forEach(run -> {
            if (now - run.leaseHeldUntil > 0 && running.remove(run.claim.id(), run)) {
                Log.warnf("Job %s: its lease could not be renewed in time (is the database reachable?); abandoning "
                        + "attempt %d, the job runs again once its lease has lapsed", run.claim.id(), run.claim.attempts());
                run.cancel();
            }
        });
    }

    /** One run of a claimed job: its provider call, and until when (System.nanoTime) its lease surely holds. */
    private static final class Run {
        final JobQueue.Claim claim;
        final AtomicReference<Cancellable> call = new AtomicReference<>();
        volatile long leaseHeldUntil;

        Run(JobQueue.Claim claim, long leaseHeldUntil) {
            this.claim = claim;
            this.leaseHeldUntil = leaseHeldUntil;
        }

        void leaseHeld(long until) {
            leaseHeldUntil = until;
        }

        void cancel() {
            Cancellable c = call.get();
            if (c != null) {
                c.cancel();
            }
        }
    }

    /** Runs a claimed job; {@code asked} is when the claim was sent, so the lease surely holds until then plus its length. */
    private void run(JobQueue.Claim claim, long asked) {
        long started = System.nanoTime();
        Run self = new Run(claim, asked + config.lease().toNanos());
        // registered first, so a cancellation or an abandonment that comes at once finds it
        running.put(claim.id(), self);
        Cancellable call = queue.load(claim.id())
                .flatMap(job -> provider(job).generate(job))
                .flatMap(image -> vertx.executeBlocking(Uni.createFrom().item(() -> checks.check(image)), false))
                .flatMap(checked -> queue.succeed(claim, name, checked,
                        Duration.ofNanos(System.nanoTime() - started).toMillis()))
                .onFailure().recoverWithUni(failure -> handleFailure(claim, failure).replaceWith(false))
                .eventually(() -> {
                    // only this run's entry: a newer run of the same job (lease taken back) keeps its own
                    running.remove(claim.id(), self);
                    return poll();
                })
                .subscribe().with(stored -> { }, this::logFailure);
        self.call.set(call);
        if (running.get(claim.id()) != self) {
            call.cancel(); // cancelled or abandoned before the call was set
        }
    }

    private ImageProvider provider(ImageJob job) {
        ImageProvider provider = providers.get(job.provider);
        if (provider == null) {
            throw ProviderFailure.fatal("unknown_provider", "No provider '" + job.provider + "' is configured.");
        }
        return provider;
    }

    private Uni<Void> handleFailure(JobQueue.Claim claim, Throwable failure) {
        ProviderFailure reason = failure instanceof ProviderFailure f ? f
                : ProviderFailure.retry("internal_error", "image-service could not finish the job: "
                        + describe(failure), Duration.ZERO);
        if (!(failure instanceof ProviderFailure)) {
            Log.errorf(failure, "Job %s (attempt %d) failed unexpectedly", claim.id(), claim.attempts());
        }
        if (reason.retryable() && claim.attempts() < config.maxAttempts()) {
            Duration delay = backoff(claim.attempts(), reason.retryAfter());
            Log.infof("Job %s: %s; try %d of %d in %d s", claim.id(), reason.getMessage(), claim.attempts() + 1,
                    config.maxAttempts(), delay.toSeconds());
            return queue.retryLater(claim, name, delay, reason.code(),
                    reason.getMessage() + " (retrying, attempt " + (claim.attempts() + 1) + " of " + config.maxAttempts() + ")");
        }
        String detail = reason.retryable()
                ? reason.getMessage() + " (gave up after " + claim.attempts() + " attempts)"
                : reason.getMessage();
        // kept in the log too, so the reason outlives the row (a test run's database is thrown away)
        return queue.fail(claim, name, reason.code(), detail).invoke(stored -> {
            if (stored) {
                Log.warnf("Job %s failed on attempt %d: %s: %s", claim.id(), claim.attempts(), reason.code(), detail);
            }
        }).replaceWithVoid();
    }

    /** What went wrong, in words even when the exception has no message (a bare NullPointerException would say "null"). */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 4; depth++, cause = cause.getCause()) {
            if (depth > 0) {
                text.append(", caused by ");
            }
            text.append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                text.append(": ").append(cause.getMessage());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return text.length() > 500 ? text.substring(0, 500) + "..." : text.toString();
    }

    /** Doubles per attempt, never shorter than what the provider asked for, never longer than the cap. */
    private Duration backoff(int attempts, Duration requested) {
        Duration exponential = config.retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 16));
        Duration delay = requested.compareTo(exponential) > 0 ? requested : exponential;
        return delay.compareTo(config.maxRetryBackoff()) > 0 ? config.maxRetryBackoff() : delay;
    }

    private void logFailure(Throwable t) {
        Log.warnf("Image worker: %s", t.getMessage());
    }
}
