package dev.aistudio.chat.generation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.aistudio.chat.config.ChatConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Opens {@code studio.chat.warm-connections} pooled connections at start and runs a reply start's statements on each
 * ({@link ReplyStarts#warm}). A fresh connection's first statements cost 10-27 ms (PostgreSQL loads its catalog
 * caches, the statements are parsed and planned): without this, the first starts after a restart, and the first ones
 * on each connection the pool opens under a burst, paid that in their time to first token.
 */
@ApplicationScoped
class ConnectionWarmUp {

    private final Pool pool;
    private final ReplyStarts starts;
    private final int connections;

    ConnectionWarmUp(Pool pool, ReplyStarts starts, ChatConfig config) {
        this.pool = pool;
        this.starts = starts;
        this.connections = config.warmConnections();
    }

    void warm(@Observes StartupEvent event) {
        if (connections <= 0) {
            return;
        }
        long began = System.nanoTime();
        try {
            // all taken before any is given back, so that the pool opens that many
            List<Uni<SqlConnection>> taking = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                taking.add(pool.getConnection().onFailure().recoverWithNull());
            }
            List<SqlConnection> taken = Uni.join().all(taking).andFailFast().await().atMost(Duration.ofSeconds(30));
            List<Uni<Boolean>> warming = taken.stream().filter(Objects::nonNull).map(connection -> starts
                    .warm(connection).map(done -> true).onFailure().recoverWithItem(false)
                    .eventually(connection::close)).toList();
            long warmed = warming.isEmpty() ? 0 : Uni.join().all(warming).andFailFast().await()
                    .atMost(Duration.ofSeconds(30)).stream().filter(ok -> ok).count();
            if (warmed < connections) {
                Log.warnf("Warmed %d of %d database connections (the first replies on the others will)", warmed,
                        connections);
            }
            Log.debugf("Warmed %d database connections in %d ms", warmed,
                    Duration.ofNanos(System.nanoTime() - began).toMillis());
        } catch (RuntimeException failure) {
            Log.warnf("Could not warm the database connections (the first replies will): %s", failure.toString());
        }
    }
}
