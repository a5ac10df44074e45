package dev.aistudio.chat.generation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.chat.config.ChatConfig;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;

/**
 * Stores the growing text of every reply this replica generates, coalesced: all replies with new text are written
 * together in one statement every {@code studio.chat.flush-interval}, with at most one such statement in flight.
 * Under load a batch simply holds more replies; the number of writes per second stays the same.
 */
@ApplicationScoped
public class ReplyWriter {

    // one statement holds at most this many replies; more wait for the next batch, which starts at once
    private static final int MAX_BATCH = 1000;

    private final Set<Generation> dirty = ConcurrentHashMap.newKeySet();
    private final ReplyUpkeep upkeep;
    private final Vertx vertx;
    private final long intervalMs;
    private boolean flushing;
    private boolean timerSet;

    public ReplyWriter(ReplyUpkeep upkeep, Vertx vertx, ChatConfig config) {
        this.upkeep = upkeep;
        this.vertx = vertx;
        this.intervalMs = Math.max(1, config.flushInterval().toMillis());
    }

    /** The reply has text that is not stored yet. */
    void textAdded(Generation generation) {
        dirty.add(generation);
        schedule();
    }

    private synchronized void schedule() {
        if (flushing || timerSet) {
            return; // the running batch reschedules when it ends
        }
        timerSet = true;
        vertx.setTimer(intervalMs, id -> flush());
    }

    private void flush() {
        List<Generation> generations = new ArrayList<>();
        List<Generation.Pending> pending = new ArrayList<>();
        synchronized (this) {
            timerSet = false;
            flushing = true;
        }
        for (Iterator<Generation> it = dirty.iterator(); it.hasNext() && pending.size() < MAX_BATCH;) {
            Generation generation = it.next();
            it.remove();
            Generation.Pending chunk = generation.takePending();
            if (chunk != null) {
                generations.add(generation);
                pending.add(chunk);
            }
        }
        if (pending.isEmpty()) {
            done();
            return;
        }
        List<UUID> ids = new ArrayList<>(pending.size());
        List<String> texts = new ArrayList<>(pending.size());
        for (Generation.Pending chunk : pending) {
            ids.add(chunk.id());
            texts.add(chunk.text());
        }
        upkeep.append(ids, texts).subscribe().with(streaming -> {
            for (int i = 0; i < generations.size(); i++) {
                generations.get(i).stored(pending.get(i), streaming.contains(ids.get(i)));
            }
            done();
        }, failure -> {
            Log.warnf("Could not store the text of %d replies (will retry): %s", ids.size(), failure.toString());
            for (int i = 0; i < generations.size(); i++) {
                generations.get(i).storeFailed(pending.get(i));
            }
            done();
        });
    }

    private void done() {
        boolean again;
        synchronized (this) {
            flushing = false;
            again = !dirty.isEmpty();
        }
        if (again) {
            schedule();
        }
    }
}
