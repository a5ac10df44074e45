package dev.aistudio.chat.replicas;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.aistudio.chat.testing.SseClient;
import dev.aistudio.chat.testing.SseClient.Event;
import dev.aistudio.chat.testing.StubProvider;
import dev.aistudio.chat.testing.TestIssuer;
import dev.aistudio.testing.EmbeddedPostgresResource;
import io.vertx.core.json.JsonObject;

/**
 * Two chat-service replicas as real processes (the packaged quarkus-app jar) sharing one embedded PostgreSQL, with the
 * stub provider and the test issuer in this JVM. Run by failsafe after {@code package}. The lease is 3 s here, so a
 * killed replica's reply lapses quickly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasIT {

    private static final String DATABASE = "studio_chat_it";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SLOW_TEXT = ticks(StubProvider.SLOW_TICKS);
    private static final String LONG_TEXT = ticks(StubProvider.LONG_TICKS);

    private static final List<Process> processes = new ArrayList<>();
    private static final StubProvider stub = new StubProvider();
    private static final TestIssuer issuer = new TestIssuer();
    private static Process replicaA;
    private static String a;
    private static String b;
    private static String token;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        EmbeddedPostgresResource.execute("postgres", "drop database if exists " + DATABASE);
        EmbeddedPostgresResource.execute("postgres", "create database " + DATABASE);
        Map<String, String> config = new HashMap<>(stub.start());
        config.putAll(issuer.start());
        config.put("studio.db.host", "localhost");
        config.put("studio.db.port", Integer.toString(EmbeddedPostgresResource.server().getPort()));
        config.put("studio.db.name", DATABASE);
        config.put("studio.chat.lease-duration", "PT3S");
        config.put("studio.chat.lease-renew-every", "1s");
        config.put("quarkus.http.host", "127.0.0.1");
        int portA = freePort();
        replicaA = launch("replica-a", portA, config);
        a = "http://127.0.0.1:" + portA;
        awaitReady(a, replicaA);
        int portB = freePort();
        Process replicaB = launch("replica-b", portB, config);
        b = "http://127.0.0.1:" + portB;
        awaitReady(b, replicaB);
        token = TestIssuer.token(UUID.randomUUID());
    }

    @AfterAll
    static void stopAll() {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stub.stop();
        issuer.stop();
    }

    @Test
    @Order(1)
    void reattachOnAnotherReplicaGetsExactlyTheMissingTextThenTheRest() {
        String conversation = conversation(a, "stub-slow");
        String seen;
        String lastId;
        try (SseClient stream = SseClient.post(a + messages(conversation), token, "{\"content\":\"Count\"}")) {
            assertEquals(200, stream.status());
            List<Event> events = List.of(stream.next(), stream.next(), stream.next());
            seen = SseClient.text(events);
            lastId = events.get(2).id();
        }
        SseClient.reattachExpectingTheRest(b + "/api/chat/conversations/" + conversation + "/stream", token, lastId, seen,
                SLOW_TEXT);
    }

    @Test
    @Order(2)
    void stopSentToAnotherReplicaCancelsTheUpstreamCallOnTheGeneratingOne() {
        String conversation = conversation(a, "stub-long");
        int closedBefore = StubProvider.closedEarly("stub-long");
        try (SseClient stream = SseClient.post(a + messages(conversation), token, "{\"content\":\"Count\"}")) {
            stream.next();
            stream.next();
            HttpResponse<String> stop = send(HttpRequest.newBuilder(URI.create(b + "/api/chat/conversations/"
                    + conversation + "/stop")).POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, stop.statusCode(), stop.body());
            JsonObject stopped = new JsonObject(stop.body());
            assertEquals("stopped", stopped.getString("status"));
            String text = stopped.getString("content");
            assertTrue(!text.isEmpty() && LONG_TEXT.startsWith(text) && text.length() < LONG_TEXT.length(), text);
            List<Event> rest = stream.rest();
            assertEquals("stopped", rest.get(rest.size() - 1).json().getJsonObject("message").getString("status"));
        }
        // replica A closed its upstream connection: the provider saw the hang-up
        await().atMost(Duration.ofSeconds(20)).until(() -> StubProvider.closedEarly("stub-long") > closedBefore);
    }

    @Test
    @Order(3)
    void aKilledReplicasReplyBecomesInterruptedOnTheOtherWithItsTextKept() throws Exception {
        String conversation = conversation(a, "stub-long");
        String stored;
        try (SseClient stream = SseClient.post(a + messages(conversation), token, "{\"content\":\"Count\"}")) {
            stream.next();
            stream.next();
            // text is stored in batches (every 0.25 s): kill A once B can read some of it
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !reply(conversation).getString("content").isEmpty());
            stored = reply(conversation).getString("content");
            replicaA.destroyForcibly(); // SIGKILL: no shutdown hook, no last write
            replicaA.waitFor();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                "interrupted".equals(reply(conversation).getString("status")));
        String kept = reply(conversation).getString("content");
        assertFalse(kept.isEmpty(), "the text written before the crash is kept");
        assertTrue(kept.startsWith(stored) && LONG_TEXT.startsWith(kept) && kept.length() < LONG_TEXT.length(), kept);
        try (SseClient stream = SseClient.get(b + "/api/chat/conversations/" + conversation + "/stream", token, null)) {
            List<Event> events = stream.rest();
            assertEquals(kept, SseClient.text(events));
            Event last = events.get(events.size() - 1);
            assertEquals("error", last.name());
            assertEquals("reply_interrupted", last.json().getString("code"));
        }
    }

    private static JsonObject reply(String conversation) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(b + "/api/chat/conversations/"
                + conversation)).GET());
        assertEquals(200, answer.statusCode(), answer.body());
        return new JsonObject(answer.body()).getJsonArray("messages").getJsonObject(1);
    }

    private static String conversation(String replica, String model) {
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(replica + "/api/chat/conversations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\"}")));
        assertEquals(201, created.statusCode(), created.body());
        return new JsonObject(created.body()).getString("id");
    }

    private static String messages(String conversation) {
        return "/api/chat/conversations/" + conversation + "/messages";
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Process launch(String name, int port, Map<String, String> config) throws IOException {
        String jar = System.getProperty("chat.app.jar", "target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-Dquarkus.http.port=" + port));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar));
        File logs = new File("target/it-logs");
        Files.createDirectories(logs.toPath());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File(logs, name + ".log")).start();
        processes.add(process);
        return process;
    }

    private static void awaitReady(String base, Process process) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(base + " exited with " + process.exitValue() + "; see target/it-logs");
            }
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String ticks(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "tick" + i + " ").collect(Collectors.joining());
    }
}
