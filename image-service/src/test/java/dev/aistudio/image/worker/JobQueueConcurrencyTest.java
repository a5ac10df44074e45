package dev.aistudio.image.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.aistudio.testing.EmbeddedPostgresResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two more claimers (as two other replicas would) drain a queue alongside this app's own worker: no job is ever
 * claimed twice, and none is left behind.
 */
@QuarkusTest
class JobQueueConcurrencyTest {

    @Inject
    JobQueue queue;

    @Test
    void replicasSharingOneDatabaseNeverClaimTheSameJob() throws Exception {
        UUID owner = UUID.randomUUID();
        int jobs = 60;
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < jobs; i++) {
            values.append(i == 0 ? "" : ",").append("('").append(UUID.randomUUID()).append("', '").append(owner)
                    .append("', 'offline-pattern', 'offline', 'race ").append(i)
                    .append("', 64, 64, 1, 'queued', now(), now())");
        }
        EmbeddedPostgresResource.execute("studio_images", "insert into image_jobs (id, owner_id, model, provider, prompt, "
                + "width, height, seed, status, next_attempt_at, created_at) values " + values);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<UUID>>> claimers = new ArrayList<>();
            for (String replica : List.of("replica-a", "replica-b")) {
                claimers.add(pool.submit(drain(replica, owner)));
            }
            List<UUID> claimed = new ArrayList<>();
            for (Future<List<UUID>> claimer : claimers) {
                claimed.addAll(claimer.get());
            }
            Set<UUID> unique = new HashSet<>(claimed);
            assertEquals(claimed.size(), unique.size(), "a job was claimed twice");
            assertTrue(claimed.size() > 0, "the extra claimers got work");
        } finally {
            pool.shutdownNow();
        }
        try (var c = EmbeddedPostgresResource.server().getDatabase("postgres", "studio_images").getConnection();
             var s = c.prepareStatement("select count(*) filter (where attempts <> 1), count(*) filter (where status = 'queued') "
                     + "from image_jobs where owner_id = ?::uuid")) {
            s.setString(1, owner.toString());
            ResultSet rs = s.executeQuery();
            rs.next();
            assertEquals(0, rs.getInt(1), "every job was claimed exactly once");
            assertEquals(0, rs.getInt(2), "no job was left behind");
        }
    }

    /** Claims this owner's jobs in small batches until none is left; answers what it claimed. */
    private Callable<List<UUID>> drain(String replica, UUID owner) {
        return () -> {
            List<UUID> mine = new ArrayList<>();
            for (int round = 0; round < 200; round++) {
                List<JobQueue.Claim> batch = queue.claim(replica, 3).await().indefinitely();
                batch.stream().filter(c -> c.ownerId().equals(owner)).forEach(c -> mine.add(c.id()));
                if (batch.isEmpty()) {
                    break;
                }
            }
            return mine;
        };
    }
}
