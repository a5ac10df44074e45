package dev.aistudio.image.job;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.aistudio.image.support.Client;
import dev.aistudio.testing.TestIssuer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The events stream carries the caller's job changes, queued to succeeded, and nobody else's. */
@QuarkusTest
class JobEventsTest {

    @TestHTTPResource("/api/images/events")
    URI events;

    @Test
    void aJobsChangesArriveOnTheOwnersStreamOnly() throws Exception {
        Client ana = new Client();
        Client bob = new Client();
        List<String> anaLines = new CopyOnWriteArrayList<>();
        List<String> bobLines = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        var anaStream = http.sendAsync(stream(ana.userId), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(anaLines::add));
        var bobStream = http.sendAsync(stream(bob.userId), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(bobLines::add));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !anaLines.isEmpty() && !bobLines.isEmpty());

        String id = ana.submitOk(Client.offline("watched"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                anaLines.stream().anyMatch(l -> l.contains(id) && l.contains("\"succeeded\"")));

        assertTrue(anaLines.stream().anyMatch(l -> l.equals("event:job") || l.equals("event: job")), "named job events");
        // Each event carries the job as it is when the event is sent, so quick changes may show the same state twice.
        assertTrue(anaLines.stream().filter(l -> l.startsWith("data:") && l.contains(id)).count() >= 3,
                "an event for each change: queued, running, succeeded");
        assertTrue(bobLines.stream().noneMatch(l -> l.contains(id)), "bob saw nothing of ana's job");
        anaStream.cancel(true);
        bobStream.cancel(true);
    }

    @Test
    void aDeletedImageIsAnnouncedOnTheOwnersStream() throws Exception {
        Client ana = new Client();
        String id = ana.submitOk(Client.offline("to be deleted"));
        ana.awaitStatus(id, "succeeded");
        List<String> lines = new CopyOnWriteArrayList<>();
        var stream = HttpClient.newHttpClient().sendAsync(stream(ana.userId), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(lines::add));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !lines.isEmpty());

        ana.request().delete("/api/images/" + id).then().statusCode(204);
        // another tab (or a page served by another replica) takes the picture down
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                lines.stream().anyMatch(l -> l.equals("event:deleted") || l.equals("event: deleted")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains(id)), "the deleted event names the image");
        stream.cancel(true);
    }

    private HttpRequest stream(UUID user) {
        return HttpRequest.newBuilder(events).header("Authorization", "Bearer " + TestIssuer.token(user))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).GET().build();
    }
}
