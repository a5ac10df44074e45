package dev.aistudio.chat.generation;

import static dev.aistudio.chat.generation.ReplyStreamTest.conversation;
import static dev.aistudio.chat.generation.ReplyStreamTest.messages;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.aistudio.chat.testing.SseClient;
import dev.aistudio.chat.testing.SseClient.Event;
import dev.aistudio.chat.testing.StubProvider;
import dev.aistudio.chat.testing.TestIssuer;
import dev.aistudio.testing.EmbeddedPostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class GenerationLifecycleTest {

    /** What stub-slow writes in full. */
    private static final String SLOW_TEXT = IntStream.rangeClosed(1, StubProvider.SLOW_TICKS)
            .mapToObj(i -> "tick" + i + " ").collect(Collectors.joining());

    private final UUID user = UUID.randomUUID();
    private final String token = TestIssuer.token(user);

    @Inject
    StoredReplyFollower storedFollower;

    @Test
    void generationGoesOnAfterTheClientLeavesAndReattachResumesFromLastEventId() {
        String conversation = conversation(token, "{\"model\":\"stub-slow\"}");
        int closedBefore = StubProvider.closedEarly("stub-slow");
        String seenBefore;
        String lastId;
        try (SseClient stream = SseClient.post(messages(conversation), token, "{\"content\":\"Count\"}")) {
            List<Event> events = List.of(stream.next(), stream.next(), stream.next());
            assertEquals("message", events.get(0).name());
            seenBefore = SseClient.text(events);
            lastId = events.get(2).id();
        } // the client hangs up mid-reply

        Event done = SseClient.reattachExpectingTheRest("/api/chat/conversations/" + conversation + "/stream", token,
                lastId, seenBefore, SLOW_TEXT);
        assertEquals(SLOW_TEXT, done.json().getJsonObject("message").getString("content"));
        assertEquals(closedBefore, StubProvider.closedEarly("stub-slow"), "the provider call must not be cancelled");
    }

    @Test
    void aReplyCanBeFollowedThroughTheDatabaseAsAnotherReplicaWould() {
        String conversation = conversation(token, "{\"model\":\"stub-slow\"}");
        String replyId;
        try (SseClient stream = SseClient.post(messages(conversation), token, "{\"content\":\"Count\"}")) {
            replyId = stream.next().json().getJsonObject("assistantMessage").getString("id");
        }
        // the path a replica that is not generating the reply takes: stored rows plus LISTEN/NOTIFY
        List<ReplyEvent> events = storedFollower.follow(UUID.fromString(replyId), 0).collect().asList()
                .await().atMost(Duration.ofSeconds(60));
        List<ReplyEvent.Delta> deltas = events.stream().filter(e -> e instanceof ReplyEvent.Delta)
                .map(e -> (ReplyEvent.Delta) e).toList();
        assertTrue(deltas.size() > 1, "the text should arrive in several batches while it grows, got " + deltas.size());
        assertEquals(SLOW_TEXT, deltas.stream().map(ReplyEvent.Delta::text).collect(Collectors.joining()));
        ReplyEvent.Finished finished = (ReplyEvent.Finished) events.get(events.size() - 1);
        assertEquals("complete", finished.message().status());
        assertEquals(SLOW_TEXT.length(), finished.offset());
    }

    @Test
    void stopCancelsTheProviderCallAndKeepsTheTextSoFar() {
        String conversation = conversation(token, "{\"model\":\"stub-slow\"}");
        int closedBefore = StubProvider.closedEarly("stub-slow");
        try (SseClient stream = SseClient.post(messages(conversation), token, "{\"content\":\"Count\"}")) {
            stream.next();
            stream.next();
            String stopped = given().auth().oauth2(token).post("/api/chat/conversations/" + conversation + "/stop")
                    .then().statusCode(200).body("status", is("stopped")).extract().path("content");
            assertTrue(!stopped.isEmpty() && SLOW_TEXT.startsWith(stopped) && stopped.length() < SLOW_TEXT.length(),
                    stopped);
            List<Event> rest = stream.rest();
            Event done = rest.get(rest.size() - 1);
            assertEquals("done", done.name());
            assertEquals("stopped", done.json().getJsonObject("message").getString("status"));
            assertEquals(stopped, done.json().getJsonObject("message").getString("content"));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> StubProvider.closedEarly("stub-slow") > closedBefore); // the provider saw the hang-up
        given().auth().oauth2(token).post("/api/chat/conversations/" + conversation + "/stop").then()
                .statusCode(409).body("code", is("not_generating"));
    }

    @Test
    void aStopSignalledByAnotherReplicaStopsTheReplyHere() {
        String conversation = conversation(token, "{\"model\":\"stub-slow\"}");
        int closedBefore = StubProvider.closedEarly("stub-slow");
        try (SseClient stream = SseClient.post(messages(conversation), token, "{\"content\":\"Count\"}")) {
            String reply = stream.next().json().getJsonObject("assistantMessage").getString("id");
            stream.next();
            // what POST .../stop on another replica does: flag the row and NOTIFY every replica
            EmbeddedPostgresResource.execute("studio_chat", "update messages set stop_requested = true where id = '"
                    + reply + "'; select pg_notify('chat_stop', '" + reply + "')");
            List<Event> rest = stream.rest();
            Event done = rest.get(rest.size() - 1);
            assertEquals("done", done.name());
            assertEquals("stopped", done.json().getJsonObject("message").getString("status"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> StubProvider.closedEarly("stub-slow") > closedBefore);
    }

    @Test
    void aReplyWhoseReplicaDiedBecomesInterruptedWithItsTextKept() {
        UUID conversation = UUID.randomUUID();
        UUID question = UUID.randomUUID();
        UUID reply = UUID.randomUUID();
        // as a crashed replica leaves it: streaming, half written, its lease run out
        EmbeddedPostgresResource.execute("studio_chat", "insert into conversations (id, owner_id, title, current_leaf_id,"
                + " created_at, updated_at) values ('" + conversation + "', '" + user + "', 'Crash', '" + reply
                + "', now(), now());"
                + " insert into messages (id, conversation_id, owner_id, role, content, status, created_at) values ('"
                + question + "', '" + conversation + "', '" + user + "', 'user', 'Hello?', 'complete', now());"
                + " insert into messages (id, conversation_id, owner_id, parent_id, role, content, status, model,"
                + " provider, lease_owner, lease_expires_at, created_at) values ('" + reply + "', '" + conversation
                + "', '" + user + "', '" + question + "', 'assistant', 'Half a rep', 'streaming', 'stub-echo', 'openai', '"
                + UUID.randomUUID() + "', now() - interval '1 minute', now())");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token)
                .get("/api/chat/conversations/" + conversation).then().statusCode(200)
                .body("messages[1].status", is("interrupted")).body("messages[1].content", is("Half a rep")));

        try (SseClient stream = SseClient.get("/api/chat/conversations/" + conversation + "/stream", token, null)) {
            List<Event> events = stream.rest();
            assertEquals("Half a rep", SseClient.text(events));
            Event last = events.get(events.size() - 1);
            assertEquals("error", last.name());
            assertEquals("reply_interrupted", last.json().getString("code"));
        }
    }

    @Test
    void theNextGenerationOverTheLimitIsRefusedWith429() {
        String a = conversation(token, "{\"model\":\"stub-slow\"}");
        String b = conversation(token, "{\"model\":\"stub-slow\"}");
        String c = conversation(token, "{\"model\":\"stub-slow\"}");
        String d = conversation(token, "{\"model\":\"stub-slow\"}");
        for (String conversation : List.of(a, b, c)) {
            try (SseClient stream = SseClient.post(messages(conversation), token, "{\"content\":\"Count\"}")) {
                assertEquals(200, stream.status());
                stream.next();
            }
        }
        try (SseClient fourth = SseClient.post(messages(d), token, "{\"content\":\"Count\"}")) {
            assertEquals(429, fourth.status());
            assertTrue(fourth.body().contains("\"code\":\"too_many_generations\""));
        }
        // another user is not affected
        String other = TestIssuer.token(UUID.randomUUID());
        String theirs = conversation(other, "{\"model\":\"stub-echo\"}");
        try (SseClient stream = SseClient.post(messages(theirs), other, "{\"content\":\"Hi\"}")) {
            assertEquals(200, stream.status());
        }
        for (String conversation : List.of(a, b, c)) {
            given().auth().oauth2(token).post("/api/chat/conversations/" + conversation + "/stop").then().statusCode(200);
        }
        try (SseClient stream = SseClient.post(messages(d), token, "{\"content\":\"Count\"}")) {
            assertEquals(200, stream.status());
        }
        given().auth().oauth2(token).post("/api/chat/conversations/" + d + "/stop").then().statusCode(200);
    }

    @Test
    void anOversizedMessageIsRefusedWith413() {
        String conversation = conversation(token, "{\"model\":\"stub-echo\"}");
        String huge = "x".repeat(32_001);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"content\":\"" + huge + "\"}")
                .post(messages(conversation)).then().statusCode(413).body("code", is("message_too_long"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"content\":\"" + "y".repeat(300_000) + "\"}")
                .post(messages(conversation)).then().statusCode(413).body("code", is("payload_too_large"));
    }

    @Test
    void badMessageInputIsAClearClientError() {
        String conversation = conversation(token, "{\"model\":\"stub-echo\"}");
        String other = conversation(token, "{\"model\":\"stub-echo\"}");
        String otherReply;
        try (SseClient stream = SseClient.post(messages(other), token, "{\"content\":\"Hi\"}")) {
            List<Event> events = stream.rest();
            otherReply = events.get(events.size() - 1).json().getJsonObject("message").getString("id");
        }
        post(conversation, "{\"content\":\"   \"}").statusCode(400).body("code", is("validation_failed"));
        post(conversation, "{}").statusCode(400).body("code", is("validation_failed"));
        post(conversation, "{\"content\":\"Hi\",\"model\":\"nope\"}").statusCode(400).body("code", is("unknown_model"));
        post(conversation, "{\"content\":\"Hi\",\"parentId\":\"" + otherReply + "\"}").statusCode(400)
                .body("code", is("invalid_parent"));
        post(conversation, "{\"content\":\"Hi\",\"params\":{\"top_p\":0}}").statusCode(400)
                .body("code", is("validation_failed"));
        post(conversation, "{\"content\":").statusCode(400).body("code", is("invalid_json"));
        given().auth().oauth2(token).header("Last-Event-ID", "abc")
                .get("/api/chat/conversations/" + conversation + "/stream").then().statusCode(400)
                .body("code", is("invalid_last_event_id"));
        given().auth().oauth2(token).get("/api/chat/conversations/" + conversation + "/stream").then()
                .statusCode(404).body("code", is("no_reply"));
        given().auth().oauth2(token).contentType(ContentType.JSON).post("/api/chat/messages/" + UUID.randomUUID() + "/regenerate").then()
                .statusCode(404);
    }

    @Test
    void anotherUsersConversationAndMessagesAreNotFound() {
        String conversation = conversation(token, "{\"model\":\"stub-echo\"}");
        String reply;
        try (SseClient stream = SseClient.post(messages(conversation), token, "{\"content\":\"Mine\"}")) {
            List<Event> events = stream.rest();
            reply = events.get(events.size() - 1).json().getJsonObject("message").getString("id");
        }
        String mallory = TestIssuer.token(UUID.randomUUID());
        try (SseClient stream = SseClient.post(messages(conversation), mallory, "{\"content\":\"Hi\"}")) {
            assertEquals(404, stream.status());
            assertTrue(stream.contentType().startsWith("application/problem+json"));
        }
        given().auth().oauth2(mallory).get("/api/chat/conversations/" + conversation + "/stream").then().statusCode(404);
        given().auth().oauth2(mallory).post("/api/chat/conversations/" + conversation + "/stop").then().statusCode(404);
        given().auth().oauth2(mallory).contentType(ContentType.JSON).post("/api/chat/messages/" + reply + "/regenerate").then().statusCode(404);
        given().auth().oauth2(mallory).get("/api/chat/conversations/" + conversation + "/stream?messageId=" + reply)
                .then().statusCode(404);
    }

    private io.restassured.response.ValidatableResponse post(String conversation, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(messages(conversation)).then();
    }
}
