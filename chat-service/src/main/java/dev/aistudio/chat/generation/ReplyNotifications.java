package dev.aistudio.chat.generation;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * PostgreSQL LISTEN on one dedicated connection per replica: reply changes wake followers of that reply, stop requests
 * reach the replica generating it. Followers also re-read on a timer, so a notification lost in a reconnect only delays.
 */
@ApplicationScoped
public class ReplyNotifications {

    private final Map<UUID, Set<Runnable>> watchers = new ConcurrentHashMap<>();
    private final GenerationRegistry registry;
    private final Vertx vertx;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;
    private volatile boolean closing;

    public ReplyNotifications(GenerationRegistry registry, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") List<String> urls,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.registry = registry;
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(urls.get(0).replaceFirst("^vertx-reactive:", ""))
                .setUser(user).setPassword(password);
    }

    void start(@Observes StartupEvent event) {
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 500L);
        // one notification may name many replies (a batch of text), comma-separated
        subscriber.channel(ReplyStore.REPLY_CHANNEL).handler(payload -> {
            for (String id : payload.split(",")) {
                changed(parse(id));
            }
        });
        subscriber.channel(ReplyStore.STOP_CHANNEL).handler(payload -> {
            UUID id = parse(payload);
            if (id != null) {
                registry.stopLocal(id);
            }
        });
        subscriber.closeHandler(() -> {
            if (!closing) {
                Log.warn("Lost the LISTEN connection; reconnecting");
            }
        });
        subscriber.connect().subscribe().with(ok -> Log.debug("Listening for reply notifications"),
                failure -> Log.errorf("Could not LISTEN for reply notifications: %s", failure.toString()));
    }

    void stop(@Observes ShutdownEvent event) {
        closing = true;
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
    }

    /** Calls {@code onChange} whenever the reply changes; the returned action stops that. */
    public Runnable watch(UUID replyId, Runnable onChange) {
        watchers.computeIfAbsent(replyId, id -> new CopyOnWriteArraySet<>()).add(onChange);
        return () -> watchers.computeIfPresent(replyId, (id, set) -> {
            set.remove(onChange);
            return set.isEmpty() ? null : set;
        });
    }

    private void changed(UUID replyId) {
        Set<Runnable> toCall = replyId == null ? null : watchers.get(replyId);
        if (toCall != null) {
            toCall.forEach(Runnable::run);
        }
    }

    private static UUID parse(String payload) {
        try {
            return UUID.fromString(payload);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
