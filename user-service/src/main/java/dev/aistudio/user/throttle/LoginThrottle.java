package dev.aistudio.user.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.user.config.ThrottleConfig;
import dev.aistudio.problem.Problems;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Slows down password guessing, per account and per client address, across all replicas (the counts live in
 * PostgreSQL). After the allowed failures each further failure doubles the wait, up to a cap, and failures are
 * forgotten after a window: guessing is slow, and the real owner is never locked out for long.
 */
@ApplicationScoped
public class LoginThrottle {

    private final Pool pool;
    private final ThrottleConfig config;

    public LoginThrottle(Pool pool, ThrottleConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** Fails with 429 and Retry-After while either key must wait. */
    public Uni<Void> check(String username, String clientAddress) {
        return pool.preparedQuery("select throttle_key, failures, last_failure_at from login_throttle where throttle_key = any($1)")
                .execute(Tuple.of(new String[] { accountKey(username), addressKey(clientAddress) }))
                .map(rows -> {
                    Instant now = Instant.now();
                    long wait = 0;
                    for (Row row : rows) {
                        wait = Math.max(wait, secondsToWait(row, now));
                    }
                    if (wait > 0) {
                        throw Problems.retryLater(429, "too_many_attempts", "Too many failed sign-in attempts",
                                "Too many failed sign-in attempts. Try again in " + wait + " seconds.", wait);
                    }
                    return null;
                });
    }

    public Uni<Void> recordFailure(String username, String clientAddress) {
        String sql = """
                insert into login_throttle (throttle_key, failures, last_failure_at) values ($1, 1, now())
                on conflict (throttle_key) do update set
                  failures = case when login_throttle.last_failure_at < now() - make_interval(secs => $2)
                                  then 1 else login_throttle.failures + 1 end,
                  last_failure_at = now()""";
        double window = config.window().toSeconds();
        return pool.preparedQuery(sql)
                .executeBatch(List.of(Tuple.of(accountKey(username), window), Tuple.of(addressKey(clientAddress), window)))
                .replaceWithVoid();
    }

    /** A successful sign-in clears the account's failures (not the address's: one good account must not reset it). */
    public Uni<Void> reset(String username) {
        return pool.preparedQuery("delete from login_throttle where throttle_key = $1")
                .execute(Tuple.of(accountKey(username))).replaceWithVoid();
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldFailures() {
        return pool.preparedQuery("delete from login_throttle where last_failure_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) config.window().plus(config.maxDelay()).toSeconds())).replaceWithVoid();
    }

    private long secondsToWait(Row row, Instant now) {
        String key = row.getString("throttle_key");
        int failures = row.getInteger("failures");
        Instant last = row.getOffsetDateTime("last_failure_at").toInstant();
        int allowed = key.startsWith("account:") ? config.accountFailures() : config.addressFailures();
        if (failures < allowed || last.plus(config.window()).isBefore(now)) {
            return 0;
        }
        Instant until = last.plus(delayAfter(failures - allowed));
        return until.isAfter(now) ? Math.max(1, Duration.between(now, until).toSeconds() + 1) : 0;
    }

    private Duration delayAfter(int excess) {
        Duration delay = config.baseDelay().multipliedBy(1L << Math.min(excess, 20));
        return delay.compareTo(config.maxDelay()) > 0 ? config.maxDelay() : delay;
    }

    private static String accountKey(String username) {
        return "account:" + username;
    }

    private static String addressKey(String clientAddress) {
        return "address:" + clientAddress;
    }

}
