package dev.aistudio.image.events;

import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.aistudio.image.db.DatabasePool;
import dev.aistudio.image.job.JobStatus;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Job state changes across all replicas: every change is a PostgreSQL NOTIFY on {@code image_jobs}; each replica
 * LISTENs on one dedicated connection and hands the changes to its own subscribers (event streams and idle workers).
 * That connection is pinged now and then: it is closed when nothing came back for {@code studio.db.timeout} (a dead
 * connection after a partition or failover), and the subscriber connects again.
 */
@ApplicationScoped
public class JobChanges {

    static final String CHANNEL = "image_jobs";

    /** A job changed: enough to decide who cares; the listener reads the job itself. */
    public record Change(UUID id, UUID ownerId, JobStatus status) {
    }

    private final Pool pool;
    private final Vertx vertx;
    private final DatabasePool database;
    private final String reactiveUrl;
    private final String user;
    private final String password;
    private final BroadcastProcessor<Change> changes = BroadcastProcessor.create();
    private PgSubscriber subscriber;

    public JobChanges(Pool pool, Vertx vertx, DatabasePool database,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String reactiveUrl,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.pool = pool;
        this.vertx = vertx;
        this.database = database;
        this.reactiveUrl = reactiveUrl;
        this.user = user;
        this.password = password;
    }

    void listen(@Observes StartupEvent start) {
        PgConnectOptions options = database.bounded(PgConnectOptions.fromUri(reactiveUrl.replaceFirst("^vertx-reactive:", ""))
                .setUser(user).setPassword(password));
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        subscriber.channel(CHANNEL).handler(payload -> {
            try {
                JsonObject json = new JsonObject(payload);
                changes.onNext(new Change(UUID.fromString(json.getString("id")), UUID.fromString(json.getString("ownerId")),
                        JobStatus.valueOf(json.getString("status"))));
            } catch (RuntimeException e) {
                Log.warnf("Ignoring a malformed job notification: %s", payload);
            }
        });
        subscriber.connect().subscribe().with(ok -> Log.debug("Listening for job changes"),
                failure -> Log.warnf("Cannot listen for job changes yet (%s); retrying", failure.getMessage()));
        // between changes the connection is silent: a ping keeps a live one from being closed as dead
        vertx.setPeriodic(Math.max(100, database.timeout().toMillis() / 3), timer -> ping());
    }

    private void ping() {
        var connection = subscriber.actualConnection();
        if (connection != null && !subscriber.closed()) {
            connection.query("select 1").execute().subscribe().with(ok -> { },
                    failure -> Log.debugf("Job changes listener ping failed: %s", failure.getMessage()));
        }
    }

    @PreDestroy
    void close() {
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
    }

    /** Tells every replica that a job changed. */
    public Uni<Void> publish(UUID id, UUID ownerId, JobStatus status) {
        String payload = new JsonObject().put("id", id.toString()).put("ownerId", ownerId.toString())
                .put("status", status.name()).encode();
        return pool.preparedQuery("select pg_notify($1, $2)").execute(Tuple.of(CHANNEL, payload)).replaceWithVoid();
    }

    /** Changes seen from now on, by every replica. */
    public Multi<Change> stream() {
        return changes;
    }
}
