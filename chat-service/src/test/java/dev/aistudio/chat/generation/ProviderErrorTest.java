package dev.aistudio.chat.generation;

import static dev.aistudio.chat.generation.ReplyStreamTest.conversation;
import static dev.aistudio.chat.generation.ReplyStreamTest.messages;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.aistudio.chat.testing.SseClient;
import dev.aistudio.chat.testing.SseClient.Event;
import dev.aistudio.chat.testing.StubProvider;
import dev.aistudio.chat.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class ProviderErrorTest {

    private final String token = TestIssuer.token(UUID.randomUUID());

    @Test
    void aRejectedProviderTokenIsAClearProblem() {
        String conversation = conversation(token, "{\"model\":\"stub-401\"}");
        json(conversation).statusCode(502).contentType("application/problem+json")
                .body("code", is("provider_rejected_token")).body("upstreamStatus", is(401))
                .body("messageStatus", is("failed"));
        Event error = lastEvent(conversation);
        assertEquals("error", error.name());
        assertEquals("provider_rejected_token", error.json().getString("code"));
        given().auth().oauth2(token).get("/api/chat/conversations/" + conversation).then()
                .body("messages[1].status", is("failed")).body("messages[1].error.code", is("provider_rejected_token"));
    }

    @Test
    void aProviderRateLimitIsPassedOnWithRetryAfter() {
        String conversation = conversation(token, "{\"model\":\"stub-429\"}");
        json(conversation).statusCode(429).header("Retry-After", "7")
                .body("code", is("provider_rate_limited")).body("retryAfter", is(7));
        JsonObject error = lastEvent(conversation).json();
        assertEquals(429, error.getInteger("status"));
        assertEquals(7, error.getInteger("retryAfter"));
    }

    @Test
    void aProviderServerErrorIs502AfterRetries() {
        String conversation = conversation(token, "{\"model\":\"stub-500\"}");
        int before = StubProvider.seen("stub-500").size();
        json(conversation).statusCode(502).body("code", is("provider_unavailable")).body("upstreamStatus", is(500));
        assertEquals(3, StubProvider.seen("stub-500").size() - before, "one attempt and two retries");
    }

    @Test
    void aFailureBeforeTheFirstTokenIsRetriedWithBackoff() {
        String conversation = conversation(token, "{\"model\":\"stub-flaky\"}");
        int before = StubProvider.seen("stub-flaky").size();
        json(conversation).statusCode(201).body("assistantMessage.status", is("complete"))
                .body("assistantMessage.content", is("Hello from the stub."));
        assertEquals(2, StubProvider.seen("stub-flaky").size() - before);
    }

    @Test
    void noFirstTokenInTimeIs504AndTheProviderCallIsClosed() {
        String conversation = conversation(token, "{\"model\":\"stub-hang\"}");
        int closedBefore = StubProvider.closedEarly("stub-hang");
        json(conversation).statusCode(504).body("code", is("provider_timeout"));
        await().atMost(Duration.ofSeconds(10)).until(() -> StubProvider.closedEarly("stub-hang") > closedBefore);
    }

    @Test
    void aStreamThatBreaksKeepsThePartialTextAndEndsWithAnErrorEvent() {
        String conversation = conversation(token, "{\"model\":\"stub-break\"}");
        List<Event> events;
        try (SseClient stream = SseClient.post(messages(conversation), token, "{\"content\":\"Go\"}")) {
            events = stream.rest();
        }
        assertEquals("Partial answer", SseClient.text(events));
        Event error = events.get(events.size() - 1);
        assertEquals("error", error.name());
        assertEquals("provider_stream_failed", error.json().getString("code"));
        assertEquals("Partial answer".length(), error.offset());
        given().auth().oauth2(token).get("/api/chat/conversations/" + conversation).then()
                .body("messages[1].status", is("failed")).body("messages[1].content", is("Partial answer"));
    }

    @Test
    void anErrorInsideTheStreamEndsTheReplyWithWhatItSaid() {
        String conversation = conversation(token, "{\"model\":\"stub-error-event\"}");
        Event error = lastEvent(conversation);
        assertEquals("error", error.name());
        assertEquals("provider_stream_failed", error.json().getString("code"));
        assertEquals(true, error.json().getString("detail").contains("The model is overloaded"));
        given().auth().oauth2(token).get("/api/chat/conversations/" + conversation).then()
                .body("messages[1].content", is("Before"));
    }

    private io.restassured.response.ValidatableResponse json(String conversation) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body("{\"content\":\"Go\"}").post(messages(conversation)).then();
    }

    private Event lastEvent(String conversation) {
        try (SseClient stream = SseClient.post(messages(conversation), token, "{\"content\":\"Go\"}")) {
            assertEquals(200, stream.status());
            List<Event> events = stream.rest();
            assertEquals("message", events.get(0).name());
            return events.get(events.size() - 1);
        }
    }
}
