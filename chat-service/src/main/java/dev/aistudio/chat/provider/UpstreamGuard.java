package dev.aistudio.chat.provider;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.chat.config.UpstreamConfig;
import dev.aistudio.chat.provider.ProviderFailure.Kind;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;

/**
 * What every network provider needs around one streamed call: a deadline for the first token and retries with backoff
 * for connection errors and 5xx, only while no token has arrived (after that a retry would repeat text).
 */
@ApplicationScoped
public class UpstreamGuard {

    private final UpstreamConfig config;
    private final Vertx vertx;

    public UpstreamGuard(UpstreamConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    /** Runs {@code attempt} (told whether a token has arrived yet) until it streams, or fails for good. */
    public Multi<ProviderEvent> guard(String provider, Function<AtomicBoolean, Multi<ProviderEvent>> attempt) {
        AtomicBoolean started = new AtomicBoolean();
        Multi<ProviderEvent> once = Multi.createFrom()
                .deferred(() -> withFirstTokenDeadline(provider, attempt.apply(started), started));
        if (config.retries() <= 0) {
            return once;
        }
        return once.onFailure(failure -> !started.get() && failure instanceof ProviderFailure known && known.retryable())
                .retry().withBackOff(config.retryBackoff(), config.retryBackoff().multipliedBy(8))
                .atMost(config.retries());
    }

    private Multi<ProviderEvent> withFirstTokenDeadline(String provider, Multi<ProviderEvent> upstream,
            AtomicBoolean started) {
        long deadline = Math.max(1, config.firstTokenTimeout().toMillis());
        return Multi.createFrom().emitter(emitter -> {
            Cancellable[] subscription = new Cancellable[1];
            long timer = vertx.setTimer(deadline, id -> {
                if (!started.get() && !emitter.isCancelled()) {
                    subscription[0].cancel();
                    emitter.fail(new ProviderFailure(Kind.TIMEOUT, provider, null, null,
                            "Waited " + config.firstTokenTimeout().toMillis() + " ms.", null));
                }
            });
            subscription[0] = upstream.subscribe().with(event -> {
                if (event instanceof ProviderEvent.Delta) {
                    started.set(true);
                    vertx.cancelTimer(timer);
                }
                emitter.emit(event);
            }, failure -> {
                vertx.cancelTimer(timer);
                emitter.fail(failure);
            }, () -> {
                vertx.cancelTimer(timer);
                emitter.complete();
            });
            emitter.onTermination(() -> {
                vertx.cancelTimer(timer);
                subscription[0].cancel();
            });
        });
    }
}
