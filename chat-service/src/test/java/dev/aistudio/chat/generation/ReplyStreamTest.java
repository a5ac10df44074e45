package dev.aistudio.chat.generation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.aistudio.chat.testing.SseClient;
import dev.aistudio.chat.testing.SseClient.Event;
import dev.aistudio.chat.testing.StubProvider;
import dev.aistudio.chat.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class ReplyStreamTest {

    private final String token = TestIssuer.token(UUID.randomUUID());

    @Test
    void sendingAMessageStreamsTheReplyAsMessageDeltaAndDoneEvents() {
        String conversation = conversation(token, "{\"model\":\"stub-echo\"}");
        List<Event> events;
        try (SseClient stream = SseClient.post(messages(conversation), token, "{\"content\":\"Say hello\"}")) {
            assertEquals(200, stream.status());
            assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());
            events = stream.rest();
        }
        Event first = events.get(0);
        assertEquals("message", first.name());
        assertEquals("0", first.id());
        JsonObject started = first.json();
        assertEquals(conversation, started.getString("conversationId"));
        assertEquals("Say hello", started.getJsonObject("userMessage").getString("content"));
        assertEquals("streaming", started.getJsonObject("assistantMessage").getString("status"));
        assertEquals("stub-echo", started.getJsonObject("assistantMessage").getString("model"));

        // every delta's id is the reply's length after it
        int offset = 0;
        for (Event delta : events.subList(1, events.size() - 1)) {
            assertEquals("delta", delta.name());
            offset += delta.json().getString("text").length();
            assertEquals(offset, delta.offset());
        }
        assertEquals(String.join("", StubProvider.ECHO), SseClient.text(events));

        Event done = events.get(events.size() - 1);
        assertEquals("done", done.name());
        assertEquals(offset, done.offset());
        JsonObject reply = done.json().getJsonObject("message");
        assertEquals("complete", reply.getString("status"));
        assertEquals("Hello from the stub.", reply.getString("content"));
        assertEquals("openai", reply.getString("provider"));
        assertEquals(11, reply.getJsonObject("usage").getInteger("promptTokens"));
        assertEquals(5, reply.getJsonObject("usage").getInteger("completionTokens"));
        assertNotNull(reply.getJsonObject("timings").getInteger("ttftMs"));
        assertNotNull(reply.getJsonObject("timings").getInteger("durationMs"));

        // stored, and the first exchange named the conversation
        given().auth().oauth2(token).get("/api/chat/conversations/" + conversation).then().statusCode(200)
                .body("title", is("Say hello"))
                .body("messages.role", contains("user", "assistant"))
                .body("messages[1].content", is("Hello from the stub."))
                .body("messages[1].status", is("complete"))
                .body("messages[1].usage.completionTokens", is(5))
                .body("messages[1].timings.ttftMs", notNullValue());
    }

    @Test
    void searchFindsConversationsByTheTextOfTheirMessages() {
        String searcher = TestIssuer.token(UUID.randomUUID());
        String wanted = given().auth().oauth2(searcher).contentType(ContentType.JSON)
                .body("{\"title\":\"Untitled\",\"model\":\"stub-echo\"}").post("/api/chat/conversations").then()
                .statusCode(201).extract().path("id");
        conversation(searcher, "{\"title\":\"Other\"}");
        try (SseClient stream = SseClient.post(messages(wanted), searcher, "{\"content\":\"Tell me about quokkas\"}")) {
            stream.rest();
        }
        given().auth().oauth2(searcher).queryParam("q", "QUOKKA").get("/api/chat/conversations").then()
                .statusCode(200).body("items.id", contains(wanted));
        given().auth().oauth2(searcher).queryParam("q", "from the stub").get("/api/chat/conversations").then()
                .statusCode(200).body("items.id", contains(wanted));
    }

    @Test
    void theProviderIsAskedToStreamWithTheConfiguredKey() {
        String conversation = conversation(token, "{\"model\":\"stub-echo\"}");
        String marker = "marker " + UUID.randomUUID();
        sendAndWait(conversation, marker);
        StubProvider.Seen seen = lastSeen("stub-echo", marker);
        assertEquals("Bearer " + StubProvider.OPENAI_KEY, seen.authorization());
        assertEquals(true, seen.body().getBoolean("stream"));
        assertEquals(true, seen.body().getJsonObject("stream_options").getBoolean("include_usage"));
    }

    @Test
    void huggingFaceModelsAreCalledWithTheHfToken() {
        String conversation = conversation(token, "{\"model\":\"mistralai/Mistral-7B-Instruct-v0.3\"}");
        String marker = "marker " + UUID.randomUUID();
        JsonObject done = sendAndWait(conversation, marker);
        assertEquals("huggingface", done.getJsonObject("message").getString("provider"));
        StubProvider.Seen seen = lastSeen("mistralai/Mistral-7B-Instruct-v0.3", marker);
        assertEquals("Bearer " + StubProvider.HF_TOKEN, seen.authorization());
    }

    @Test
    void theContextSentUpstreamIsTheSystemPromptAndTheCurrentBranch() {
        String conversation = conversation(token,
                "{\"model\":\"stub-echo\",\"systemPrompt\":\"You are terse.\",\"params\":{\"temperature\":0.3,\"max_tokens\":64}}");
        sendAndWait(conversation, "First question");
        String marker = "Second question " + UUID.randomUUID();
        sendAndWait(conversation, marker);
        JsonObject body = lastSeen("stub-echo", marker).body();
        JsonArray sent = body.getJsonArray("messages");
        assertEquals(List.of("system", "user", "assistant", "user"),
                sent.stream().map(m -> ((JsonObject) m).getString("role")).toList());
        assertEquals("You are terse.", sent.getJsonObject(0).getString("content"));
        assertEquals("First question", sent.getJsonObject(1).getString("content"));
        assertEquals("Hello from the stub.", sent.getJsonObject(2).getString("content"));
        assertEquals(0.3, body.getDouble("temperature"));
        assertEquals(64, body.getInteger("max_tokens"));
    }

    @Test
    void theModelCanChangeFromOneMessageToTheNext() {
        String conversation = conversation(token, "{\"model\":\"stub-echo\"}");
        sendAndWait(conversation, "One");
        JsonObject done = send(conversation, "{\"content\":\"Two\",\"model\":\"offline-echo\"}");
        assertEquals("offline-echo", done.getJsonObject("message").getString("model"));
        assertEquals("offline", done.getJsonObject("message").getString("provider"));
        given().auth().oauth2(token).get("/api/chat/conversations/" + conversation).then()
                .body("messages.model", contains(null, "stub-echo", null, "offline-echo"));
    }

    @Test
    void theOfflineModelStreamsDeterministicTextThatSaysItIsNotAi() {
        String conversation = conversation(token, "{\"model\":\"offline-echo\"}");
        JsonObject first = sendAndWait(conversation, "What is the capital of France?").getJsonObject("message");
        assertTrue(first.getString("content").startsWith("Offline echo (not AI)."), first.getString("content"));
        assertTrue(first.getString("content").contains("\"What is the capital of France?\""));
        String other = conversation(token, "{\"model\":\"offline-echo\"}");
        assertEquals(first.getString("content"),
                sendAndWait(other, "What is the capital of France?").getJsonObject("message").getString("content"));
    }

    @Test
    void acceptJsonAnswersTheWholeReply() {
        String conversation = conversation(token, "{\"model\":\"stub-echo\"}");
        given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body("{\"content\":\"Hi\"}").post(messages(conversation)).then().statusCode(201)
                .body("conversationId", is(conversation))
                .body("userMessage.content", is("Hi"))
                .body("assistantMessage.content", is("Hello from the stub."))
                .body("assistantMessage.status", is("complete"));
    }

    @Test
    void regenerateAddsASiblingReplyAndKeepsTheEarlierOne() {
        String conversation = conversation(token, "{\"model\":\"stub-echo\"}");
        String firstReply = sendAndWait(conversation, "Tell me something").getJsonObject("message").getString("id");
        List<Event> events;
        try (SseClient stream = SseClient.post("/api/chat/messages/" + firstReply + "/regenerate", token,
                "{\"model\":\"offline-echo\"}")) {
            assertEquals(200, stream.status());
            events = stream.rest();
        }
        JsonObject second = events.get(events.size() - 1).json().getJsonObject("message");
        assertEquals("complete", second.getString("status"));
        assertEquals("offline-echo", second.getString("model"));
        String userMessage = events.get(0).json().getJsonObject("userMessage").getString("id");
        assertEquals(userMessage, second.getString("parentId"));

        given().auth().oauth2(token).get("/api/chat/conversations/" + conversation).then().statusCode(200)
                .body("messages", hasSize(2))
                .body("messages[1].id", is(second.getString("id")))
                .body("messages[1].siblingIds", contains(firstReply, second.getString("id")));

        // switching back to the first version shows it again
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"currentLeafId\":\"" + firstReply + "\"}")
                .patch("/api/chat/conversations/" + conversation).then().statusCode(200)
                .body("messages[1].id", is(firstReply)).body("messages[1].content", is("Hello from the stub."));
    }

    @Test
    void editAndResendAddsASiblingUserMessage() {
        String conversation = conversation(token, "{\"model\":\"stub-echo\"}");
        JsonObject first = sendAndWait(conversation, "Frist try").getJsonObject("message");
        String firstUser = first.getString("parentId");
        JsonObject edited = send(conversation, "{\"content\":\"First try\",\"editOf\":\"" + firstUser + "\"}")
                .getJsonObject("message");
        given().auth().oauth2(token).get("/api/chat/conversations/" + conversation).then().statusCode(200)
                .body("messages", hasSize(2))
                .body("messages[0].content", is("First try"))
                .body("messages[0].siblingIds", hasSize(2))
                .body("messages[0].siblingIds[0]", is(firstUser))
                .body("messages[1].id", is(edited.getString("id")));
    }

    @Test
    void followingUpAnEarlierReplyBranchesFromIt() {
        String conversation = conversation(token, "{\"model\":\"stub-echo\"}");
        String firstReply = sendAndWait(conversation, "A").getJsonObject("message").getString("id");
        sendAndWait(conversation, "B");
        String marker = "C " + UUID.randomUUID();
        send(conversation, "{\"content\":\"" + marker + "\",\"parentId\":\"" + firstReply + "\"}");
        JsonArray sent = lastSeen("stub-echo", marker).body().getJsonArray("messages");
        assertEquals(3, sent.size());
        given().auth().oauth2(token).get("/api/chat/conversations/" + conversation).then()
                .body("messages.content", contains("A", "Hello from the stub.", marker, "Hello from the stub."));
    }

    @Test
    void contentTypeOfTheStreamIsEventStreamByDefault() {
        String conversation = conversation(token, "{\"model\":\"stub-echo\"}");
        given().auth().oauth2(token).contentType(ContentType.JSON).accept("*/*").body("{\"content\":\"Hi\"}")
                .post(messages(conversation)).then().statusCode(200)
                .contentType(startsWith("text/event-stream"));
    }

    static String conversation(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/chat/conversations").then().statusCode(201).extract().path("id");
    }

    static String messages(String conversation) {
        return "/api/chat/conversations/" + conversation + "/messages";
    }

    private JsonObject sendAndWait(String conversation, String content) {
        return send(conversation, new JsonObject().put("content", content).encode());
    }

    /** Posts a message and reads its stream to the end; answers the last event's data. */
    private JsonObject send(String conversation, String body) {
        try (SseClient stream = SseClient.post(messages(conversation), token, body)) {
            assertEquals(200, stream.status(), () -> stream.body());
            List<Event> events = stream.rest();
            Event last = events.get(events.size() - 1);
            assertEquals("done", last.name(), last.data());
            return last.json();
        }
    }

    static StubProvider.Seen lastSeen(String model, String lastUserContent) {
        return StubProvider.seen(model).stream().filter(seen -> {
            JsonArray messages = seen.body().getJsonArray("messages");
            return messages.getJsonObject(messages.size() - 1).getString("content").equals(lastUserContent);
        }).reduce((a, b) -> b).orElseThrow(() -> new AssertionError("the stub never saw " + lastUserContent));
    }
}
