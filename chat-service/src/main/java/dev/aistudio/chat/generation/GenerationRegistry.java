package dev.aistudio.chat.generation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aistudio.chat.config.ChatConfig;
import dev.aistudio.chat.message.MessageView;
import dev.aistudio.chat.provider.ProviderEvent;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The replies this replica is generating, and the leases that tell the others it is alive: renewed on a schedule;
 * a reply whose lease lapsed (its replica died) is marked interrupted by whichever replica notices first.
 */
@ApplicationScoped
public class GenerationRegistry {

    /** This replica, as named in the leases it holds. */
    private final UUID instanceId = UUID.randomUUID();
    private final Map<UUID, Generation> running = new ConcurrentHashMap<>();
    private final ReplyStore store;
    private final ChatConfig config;
    private final Vertx vertx;
    private final ObjectMapper json;

    public GenerationRegistry(ReplyStore store, ChatConfig config, Vertx vertx, ObjectMapper json) {
        this.store = store;
        this.config = config;
        this.vertx = vertx;
        this.json = json;
    }

    public UUID instanceId() {
        return instanceId;
    }

    /** Starts generating a stored streaming reply from the provider's events; it runs until it ends, followed or not. */
    Generation launch(MessageView reply, Multi<ProviderEvent> events) {
        Generation generation = new Generation(reply, store, vertx, json, config.flushInterval().toMillis(),
                () -> running.remove(reply.id()));
        running.put(reply.id(), generation);
        generation.run(events);
        return generation;
    }

    Optional<Generation> local(UUID replyId) {
        return Optional.ofNullable(running.get(replyId));
    }

    /** Stops the reply if this replica generates it; answers whether it did. */
    public boolean stopLocal(UUID replyId) {
        Generation generation = running.get(replyId);
        if (generation == null) {
            return false;
        }
        Log.debugf("Stopping reply %s", replyId);
        generation.stop();
        return true;
    }

    /** Renews this replica's leases (stopping replies whose stop request it missed) and interrupts lapsed ones. */
    @Scheduled(every = "${studio.chat.lease-renew-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "chat-reply-leases")
    Uni<Void> keepLeases() {
        List<UUID> mine = new ArrayList<>(running.keySet());
        return store.renewLeases(mine, instanceId, config.leaseDuration())
                .invoke(toStop -> toStop.forEach(this::stopLocal))
                .flatMap(ignored -> store.interruptLapsed())
                .invoke(count -> {
                    if (count > 0) {
                        Log.infof("Marked %d replies interrupted: the replica generating them stopped renewing its lease",
                                count);
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Lease upkeep failed: %s", failure.toString());
                    return null;
                });
    }

    /** Interrupts every reply still running here, text kept, so none waits for its lease to lapse. */
    void onShutdown(@Observes ShutdownEvent event) {
        if (running.isEmpty()) {
            return;
        }
        Log.infof("Interrupting %d replies being generated", running.size());
        List<Generation> all = new ArrayList<>(running.values());
        all.forEach(Generation::interrupt);
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
