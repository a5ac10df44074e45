package dev.aistudio.chat.generation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.chat.config.ChatConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Lets at most {@code studio.chat.max-concurrent-starts} reply starts run at once; the others wait in order. A start
 * is a read and then a write, each on a pooled connection: when a thousand start together, every write queues behind
 * every read for a connection, and all of them finish late together (past the start timeout). Starts used to queue
 * for a worker thread instead; they run on the event loop now, so this is the queue.
 */
@ApplicationScoped
public class StartQueue {

    private final int limit;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    public StartQueue(ChatConfig config) {
        this.limit = Math.max(1, config.maxConcurrentStarts());
    }

    /**
     * Subscribes to {@code start} (a lazy start: nothing happens before) when its turn comes; a caller that gives up
     * while waiting leaves the queue, and one that gives up later cancels the start as it would without the queue.
     */
    public <T> Uni<T> inTurn(Uni<T> start) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicReference<Cancellable> subscription = new AtomicReference<>();
            AtomicBoolean left = new AtomicBoolean();
            Runnable go = () -> {
                if (left.get()) {
                    release();
                    return;
                }
                subscription.set(start.onTermination().invoke(this::release)
                        .subscribe().with(emitter::complete, emitter::fail));
            };
            emitter.onTermination(() -> {
                left.set(true);
                synchronized (this) {
                    waiting.remove(go);
                }
                Cancellable started = subscription.get();
                if (started != null) {
                    started.cancel();
                }
            });
            synchronized (this) {
                if (running >= limit) {
                    waiting.add(go);
                    return;
                }
                running++;
            }
            go.run();
        });
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        next.run(); // the permit passes to the next start in line
    }
}
