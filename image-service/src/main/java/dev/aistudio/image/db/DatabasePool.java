package dev.aistudio.image.db;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * Creates the reactive pool (Quarkus' {@link PgPoolCreator} hook: {@code quarkus.datasource.reactive.*} has no socket
 * timeout) so that a database call on a dead connection ends. After a network partition or a failover that sent no
 * RST, a connection can stay open with nothing ever coming back; without a bound its caller waits forever and the
 * connection is never given back. Here a connection that received nothing for {@code studio.db.timeout} is closed (its
 * call fails, the pool opens a new connection for the next), opening a connection is bounded the same way (so is
 * waiting for a free one, through those two), and idle connections leave the pool at half that time, so the bound
 * only ever closes a connection that is in use.
 */
@ApplicationScoped
public class DatabasePool implements PgPoolCreator {

    private final Duration timeout;

    public DatabasePool(@ConfigProperty(name = "studio.db.timeout") Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Pool create(Input input) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        List<PgConnectOptions> servers = input.pgConnectOptionsList().stream().map(this::bounded).toList();
        // No timer on the wait for a free connection: every connection in use and every attempt to open one ends
        // within the bound anyway, and Vert.x 4.5 does not cancel that timer when the wait fails first (it then logs
        // "IllegalStateException: Result is already complete" at ERROR for each waiter during an outage).
        PoolOptions pool = new PoolOptions(input.poolOptions()).setConnectionTimeout(0);
        long idle = input.poolOptions().getIdleTimeoutUnit().toMillis(input.poolOptions().getIdleTimeout());
        if (idle <= 0 || idle > millis / 2) {
            pool.setIdleTimeout(Math.max(1, millis / 2)).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        }
        return PgDriver.INSTANCE.createPool(input.vertx(), servers, pool);
    }

    /**
     * The connection options of one server, with the silence bound: a connection is closed when nothing was read on it
     * for that long, and opening one (TCP connect, then the startup handshake) takes no longer either.
     */
    public PgConnectOptions bounded(PgConnectOptions options) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        PgConnectOptions copy = new PgConnectOptions(options);
        copy.setReadIdleTimeout(millis).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        copy.setConnectTimeout(millis);
        return copy;
    }

    /** How long one database call may take before it is given up. */
    public Duration timeout() {
        return timeout;
    }
}
