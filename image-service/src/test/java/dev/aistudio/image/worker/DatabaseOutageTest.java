package dev.aistudio.image.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.aistudio.image.support.Client;
import dev.aistudio.image.support.DatabaseProxy;
import dev.aistudio.testing.EmbeddedPostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The database goes silent (every connection black-holed: open, swallowing bytes, never answering, as after a
 * partition or a failover that sent no RST) while a job is running and another is queued, then comes back. The worker
 * must not hang on its claim, renewal or store calls: once the database answers again both jobs complete, the one that
 * was running exactly once (its stale run cannot store: lease and attempt fencing), and the API answers again.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.Outage.class)
class DatabaseOutageTest {

    /**
     * Short bounds so the outage plays out in seconds (not too short: on a loaded machine the event loop stalls for
     * seconds, and a live connection must not be taken for dead); the service's reactive connections go through the proxy.
     */
    public static class Outage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("studio.db.timeout", "PT6S", "studio.images.lease", "PT10S", "studio.images.renew-every", "2s",
                    "studio.images.offline-delay", "PT3S", "studio.images.workers", "1");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DatabaseProxy.class));
        }
    }

    private final Client ana = new Client();

    @Test
    void jobsCompleteOnceAfterTheDatabaseWentSilentAndCameBack() throws Exception {
        String warmUp = ana.submitOk(Client.offline("before the outage"));
        ana.awaitStatus(warmUp, "succeeded").then().statusCode(200);
        assertTrue(DatabaseProxy.accepted() > 0, "the service's connections do not go through the proxy");

        String running = ana.submitOk(Client.offline("running when the database went silent"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "running".equals(status(running)));
        DatabaseProxy.startBlackHole();
        // queued while the service cannot see the database: only a worker that claims again will run it
        UUID queued = UUID.randomUUID();
        EmbeddedPostgresResource.execute("studio_images", "insert into image_jobs (id, owner_id, model, provider, prompt, "
                + "width, height, seed, status, attempts, next_attempt_at, created_at) values ('" + queued + "', '"
                + ana.userId + "', 'offline-pattern', 'offline', 'queued during the outage', 64, 64, 1, 'queued', 0, now(), now())");
        // longer than the provider call and two database timeouts (the store, then the requeue after it failed)
        Thread.sleep(16_000);
        DatabaseProxy.endBlackHole();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> "succeeded".equals(status(running)) && "succeeded".equals(status(queued.toString())));
        assertEquals(1, count("select count(*) from image_blobs where job_id = '" + running + "'"),
                "the job that was running when the database went silent was stored more than once");
        assertTrue(count("select attempts from image_jobs where id = '" + running + "'") >= 2,
                "the run whose store never reached the database cannot have finished the job");
        // the API is back too (its requests use the same pool)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> ana.job(running).then().statusCode(200));
        ana.job(queued.toString()).then().statusCode(200);
    }

    private static String status(String id) throws Exception {
        try (var c = EmbeddedPostgresResource.server().getDatabase("postgres", "studio_images").getConnection();
             var s = c.createStatement()) {
            ResultSet rs = s.executeQuery("select status from image_jobs where id = '" + id + "'");
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static long count(String sql) throws Exception {
        try (var c = EmbeddedPostgresResource.server().getDatabase("postgres", "studio_images").getConnection();
             var s = c.createStatement()) {
            ResultSet rs = s.executeQuery(sql);
            rs.next();
            return rs.getLong(1);
        }
    }
}
