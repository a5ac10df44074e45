package dev.aistudio.chat.generation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aistudio.chat.config.ChatConfig;
import dev.aistudio.chat.message.MessageView;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
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
    // replies running here per owner: at the limit, a start is refused without asking the database
    private final Map<UUID, AtomicInteger> perOwner = new ConcurrentHashMap<>();
    private final ReplyStore store;
    private final ReplyUpkeep upkeep;
    private final ReplyWriter writer;
    private final ChatConfig config;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final BranchCache branches;

    public GenerationRegistry(ReplyStore store, ReplyUpkeep upkeep, ReplyWriter writer, ChatConfig config, Vertx vertx,
            ObjectMapper json, BranchCache branches) {
        this.branches = branches;
        this.store = store;
        this.upkeep = upkeep;
        this.writer = writer;
        this.config = config;
        this.vertx = vertx;
        this.json = json;
    }

    public UUID instanceId() {
        return instanceId;
    }

    /**
     * A reply about to be generated here: counted against its owner and followable at once; {@link Generation#run}
     * starts it (it then runs until it ends, followed or not).
     */
    Generation register(UUID ownerId, MessageView reply) {
        AtomicInteger owned = perOwner.computeIfAbsent(ownerId, id -> new AtomicInteger());
        owned.incrementAndGet();
        Generation generation = new Generation(reply, store, writer, vertx, json, config.flushInterval().toMillis(),
                stored -> {
                    if (running.remove(reply.id()) != null && owned.decrementAndGet() <= 0) {
                        perOwner.remove(ownerId, owned);
                    }
                    if (stored != null) {
                        branches.replyEnded(stored);
                    }
                });
        running.put(reply.id(), generation);
        return generation;
    }

    /** How many replies of this owner this replica is generating (a lower bound of the owner's total). */
    int runningFor(UUID ownerId) {
        AtomicInteger owned = perOwner.get(ownerId);
        return owned == null ? 0 : owned.get();
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
        Uni<Void> renewed = upkeep.renewLeases(mine, instanceId, config.leaseDuration())
                .invoke(toStop -> toStop.forEach(this::stopLocal)).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Could not renew the leases of %d replies: %s", mine.size(), failure.toString());
                    return null;
                });
        return renewed.flatMap(ignored -> sweepLapsed())
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

    /**
     * Marks replies whose lease lapsed interrupted; answers how many. It spares the replies running here, even when
     * their renewal was late or failed: only another replica's silence means a reply is dead.
     */
    Uni<Integer> sweepLapsed() {
        return upkeep.interruptLapsed(new ArrayList<>(running.keySet()));
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
