package dev.aistudio.image.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.aistudio.image.worker.ImageChecks.CheckedImage;
import dev.aistudio.testing.EmbeddedPostgresResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A worker whose lease lapsed (a long pause on a loaded machine) may claim the same job again under the same name.
 * The older run's outcome must not land on the newer run: only the attempt that holds the lease may finish the job.
 */
@QuarkusTest
class JobQueueLeaseTest {

    @Inject
    JobQueue queue;

    @Test
    void anOlderRunOfAJobTakenBackBySameWorkerCannotFailOrRequeueIt() throws Exception {
        UUID id = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        // worker-w claimed the job (attempt 1), its lease lapsed, and it claimed the job again: attempt 2 runs now
        EmbeddedPostgresResource.execute("studio_images", "insert into image_jobs (id, owner_id, model, provider, prompt, "
                + "width, height, seed, status, attempts, lease_owner, lease_expires_at, next_attempt_at, created_at) values ('"
                + id + "', '" + owner + "', 'offline-pattern', 'offline', 'taken back', 64, 64, 1, 'running', 2, 'worker-w', "
                + "now() + interval '1 hour', now(), now())");
        JobQueue.Claim older = new JobQueue.Claim(id, owner, 1);
        JobQueue.Claim current = new JobQueue.Claim(id, owner, 2);

        assertFalse(queue.fail(older, "worker-w", "internal_error", "the older run gave up").await().indefinitely(),
                "the older run failed the job the newer run holds");
        queue.retryLater(older, "worker-w", Duration.ofMinutes(5), "internal_error", "the older run retries")
                .await().indefinitely();
        assertEquals("running 2 null", row(id), "the older run changed the job");

        CheckedImage image = new CheckedImage(new byte[] { 1, 2, 3 }, "image/png", "00", new byte[] { 4 }, "image/jpeg");
        assertTrue(queue.succeed(current, "worker-w", image, 12).await().indefinitely(), "the lease holder could not finish");
        assertEquals("succeeded 2 null", row(id));
    }

    private static String row(UUID id) throws Exception {
        try (var c = EmbeddedPostgresResource.server().getDatabase("postgres", "studio_images").getConnection();
             var s = c.prepareStatement("select status, attempts, error_code from image_jobs where id = ?::uuid")) {
            s.setString(1, id.toString());
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3);
        }
    }
}
