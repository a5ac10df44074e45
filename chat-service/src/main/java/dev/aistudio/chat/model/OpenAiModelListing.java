package dev.aistudio.chat.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.aistudio.chat.provider.openai.OpenAiCompatibleProvider.ListedModel;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * What an OpenAI-compatible server lists at {@code /v1/models}, kept fresh without making people wait for it. A
 * request is answered from the last good listing while a newer one is fetched; only before the first listing does a
 * request wait for it, and then at most {@code firstWait}: the fetch itself goes on (up to {@code fetchTimeout}) and a
 * slow server is listed as soon as it answers. A failed listing keeps the last good one and is retried in the
 * background, after {@code firstRetry} and then twice as long each time up to the cache period, not on every request.
 */
public final class OpenAiModelListing {

    /**
     * What is known: the last good listing (empty before the first), when it was read (null: never), and why the last
     * attempt to read it failed (null: it did not fail).
     */
    public record Snapshot(List<ListedModel> models, Instant listedAt, String problem) {

        public boolean listed() {
            return listedAt != null;
        }
    }

    private final String source;
    private final Supplier<Uni<List<ListedModel>>> fetch;
    private final Vertx vertx;
    private final Duration ttl;
    private final Duration firstWait;
    private final Duration fetchTimeout;
    private final Duration firstRetry;

    private volatile Snapshot current = new Snapshot(List.of(), null, null);
    private final AtomicReference<Uni<Snapshot>> inFlight = new AtomicReference<>();
    private Duration nextRetry;

    public OpenAiModelListing(String source, Supplier<Uni<List<ListedModel>>> fetch, Vertx vertx, Duration ttl,
            Duration firstWait, Duration fetchTimeout, Duration firstRetry) {
        this.source = source;
        this.fetch = fetch;
        this.vertx = vertx;
        this.ttl = ttl;
        this.firstWait = firstWait;
        this.fetchTimeout = fetchTimeout;
        this.firstRetry = firstRetry;
        this.nextRetry = firstRetry;
    }

    /** The listing as it stands; see the class comment for when this waits (only before the first listing). */
    public Uni<Snapshot> snapshot() {
        Snapshot known = current;
        if (known.problem() != null) {
            return Uni.createFrom().item(known); // a failed listing is retried on a timer, not by each request
        }
        if (known.listed() && Instant.now().isBefore(known.listedAt().plus(ttl))) {
            return Uni.createFrom().item(known);
        }
        Uni<Snapshot> fetching = refresh();
        if (known.listed()) {
            return Uni.createFrom().item(known);
        }
        return fetching.ifNoItem().after(firstWait).recoverWithItem(() -> current.listed() || current.problem() != null
                ? current
                : new Snapshot(List.of(), null, "it has not answered yet (asked " + firstWait.toMillis() + " ms ago)"));
    }

    /** Starts reading {@code /v1/models} unless a read is under way; answers how that read ends. */
    public Uni<Snapshot> refresh() {
        Uni<Snapshot> running = inFlight.get();
        if (running != null) {
            return running;
        }
        Uni<Snapshot> attempt = Uni.createFrom().<List<ListedModel>>deferred(fetch::get)
                .ifNoItem().after(fetchTimeout).fail()
                .map(models -> new Snapshot(List.copyOf(models), Instant.now(), null))
                .onFailure().recoverWithItem(failure -> new Snapshot(current.models(), current.listedAt(),
                        describe(failure)))
                .invoke(this::settle)
                .memoize().indefinitely();
        if (!inFlight.compareAndSet(null, attempt)) {
            return inFlight.get();
        }
        attempt.subscribe().with(ignored -> {
        }, failure -> Log.warnf("Listing the models of %s failed: %s", source, failure.toString()));
        return attempt;
    }

    private void settle(Snapshot outcome) {
        current = outcome;
        inFlight.set(null);
        if (outcome.problem() == null) {
            synchronized (this) {
                nextRetry = firstRetry;
            }
            return;
        }
        Duration delay;
        synchronized (this) {
            delay = nextRetry;
            nextRetry = nextRetry.multipliedBy(2).compareTo(ttl) > 0 ? ttl : nextRetry.multipliedBy(2);
        }
        Log.warnf("Could not list the models of %s (%s); %s, trying again in %d ms", source, outcome.problem(),
                outcome.listed() ? "serving its listing of " + outcome.listedAt() : "none listed yet",
                delay.toMillis());
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> refresh());
    }

    private String describe(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "it did not answer within " + fetchTimeout.toMillis() + " ms";
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
