package dev.aistudio.chat.generation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.aistudio.chat.config.ChatConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * The writes that keep running replies alive, each ONE statement for all of this replica's replies: growing text
 * (a batch), lease renewal, and the sweep that interrupts replies whose replica died. They run on a small pool of
 * their own, so a burst of starts or reads can never starve them (a starved renewal once let a replica's own sweep
 * interrupt its live replies).
 */
@ApplicationScoped
public class ReplyUpkeep {

    // NOTIFY payloads are limited to 8000 bytes: at most this many ids (37 bytes each) per notification
    private static final int IDS_PER_NOTIFY = 200;
    private static final String NOTIFY_CHANGED = " n as (select pg_notify('" + ReplyStore.REPLY_CHANNEL
            + "', string_agg(id::text, ',')) from (select id, (row_number() over ()) / " + IDS_PER_NOTIFY
            + " as g from u) s group by g)";

    // Statements that update many replies lock them in id order first: a text batch and a lease renewal over the same
    // rows in different orders deadlocked (found by bench/chat with 1,000 replies)
    private static final String LOCK_IN_ORDER = "select id from messages where %s order by id for update";

    private final Pool pool;

    public ReplyUpkeep(Vertx vertx, ChatConfig config,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") List<String> urls,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        PgConnectOptions options = PgConnectOptions.fromUri(urls.get(0).replaceFirst("^vertx-reactive:", ""))
                .setUser(user).setPassword(password).setCachePreparedStatements(true);
        this.pool = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(config.upkeepPoolSize()).setName("chat-upkeep"))
                .connectingTo(options).using(vertx.getDelegate()).build());
    }

    void close(@Observes ShutdownEvent event) {
        pool.closeAndAwait();
    }

    /** Adds each text to its reply if it is still streaming; answers the ids that were (the others ended elsewhere). */
    public Uni<Set<UUID>> append(List<UUID> ids, List<String> texts) {
        return pool.preparedQuery("with v as (select * from unnest($1::uuid[], $2::text[]) as v(vid, vtext)),"
                + " l as (" + LOCK_IN_ORDER.formatted("id in (select vid from v) and status = 'streaming'") + "),"
                + " u as (update messages m set content = m.content || v.vtext from v, l where m.id = v.vid"
                + " and m.id = l.id returning m.id)," + NOTIFY_CHANGED
                + " select id from u where (select count(*) from n) >= 0")
                .execute(Tuple.of(ids.toArray(new UUID[0]), texts.toArray(new String[0])))
                .map(rows -> {
                    Set<UUID> streaming = new HashSet<>();
                    for (Row r : rows) {
                        streaming.add(r.getUUID("id"));
                    }
                    return streaming;
                });
    }

    /** Extends this replica's leases on the replies it runs; answers those whose owner asked for a stop meanwhile. */
    public Uni<List<UUID>> renewLeases(List<UUID> ids, UUID leaseOwner, Duration lease) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("with l as (" + LOCK_IN_ORDER.formatted("id = any($1) and lease_owner = $2"
                + " and status = 'streaming'") + ") update messages m set lease_expires_at = now()"
                + " + make_interval(secs => $3) from l where m.id = l.id returning m.id, m.stop_requested")
                .execute(Tuple.of(ids.toArray(new UUID[0]), leaseOwner, lease.toMillis() / 1000.0))
                .map(rows -> {
                    List<UUID> stop = new ArrayList<>();
                    for (Row r : rows) {
                        if (r.getBoolean("stop_requested")) {
                            stop.add(r.getUUID("id"));
                        }
                    }
                    return stop;
                });
    }

    /**
     * Marks replies whose replica stopped renewing its lease as interrupted, text kept; never one of {@code running}
     * (the replies this replica is generating: a late renewal of its own is no sign that it died). Answers how many.
     */
    public Uni<Integer> interruptLapsed(List<UUID> running) {
        return pool.preparedQuery("with l as (select id from messages where status = 'streaming'"
                + " and lease_expires_at < now() and not (id = any($1)) order by id for update skip locked),"
                + " u as (update messages m set status = 'interrupted', finished_at = now(), lease_owner = null,"
                + " lease_expires_at = null from l where m.id = l.id returning m.id)," + NOTIFY_CHANGED
                + " select count(*) from u where (select count(*) from n) >= 0")
                .execute(Tuple.of(running.toArray(new UUID[0])))
                .map(ReplyUpkeep::count);
    }

    private static int count(RowSet<Row> rows) {
        return rows.size() == 0 ? 0 : (int) rows.iterator().next().getLong(0).longValue();
    }
}
