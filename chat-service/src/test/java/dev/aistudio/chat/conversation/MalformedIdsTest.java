package dev.aistudio.chat.conversation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.aistudio.chat.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A path segment that cannot be an id answers exactly as an id nobody has: the same 404 problem, code and wording
 * ({@code No conversation with this id.}), never Quarkus' generic {@code HTTP 404 Not Found} nor a 500.
 */
@QuarkusTest
class MalformedIdsTest {

    private static final List<String> NOT_IDS = List.of("not-a-uuid", "123", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
            UUID.randomUUID() + "0");

    private final String fay = TestIssuer.token(UUID.randomUUID());

    private record Endpoint(String name, Function<String, Response> call) {
    }

    @Test
    void everyIdInAChatPathAnswersAsAnUnknownIdOfItsKind() {
        List<Endpoint> endpoints = List.of(
                new Endpoint("GET conversation", id -> as().get("/api/chat/conversations/" + id)),
                new Endpoint("PATCH conversation", id -> as().contentType(ContentType.JSON).body("{\"title\":\"t\"}")
                        .patch("/api/chat/conversations/" + id)),
                new Endpoint("DELETE conversation", id -> as().delete("/api/chat/conversations/" + id)),
                new Endpoint("POST message (JSON)", id -> as().contentType(ContentType.JSON).accept(ContentType.JSON)
                        .body("{\"content\":\"hi\"}").post("/api/chat/conversations/" + id + "/messages")),
                new Endpoint("POST message (stream)", id -> as().contentType(ContentType.JSON).accept("text/event-stream")
                        .body("{\"content\":\"hi\"}").post("/api/chat/conversations/" + id + "/messages")),
                new Endpoint("GET stream", id -> as().get("/api/chat/conversations/" + id + "/stream")),
                new Endpoint("POST stop", id -> as().post("/api/chat/conversations/" + id + "/stop")),
                new Endpoint("POST regenerate (JSON)", id -> as().contentType(ContentType.JSON).accept(ContentType.JSON)
                        .body("{}").post("/api/chat/messages/" + id + "/regenerate")),
                new Endpoint("POST regenerate (stream)", id -> as().contentType(ContentType.JSON).accept("text/event-stream")
                        .body("{}").post("/api/chat/messages/" + id + "/regenerate")));
        for (Endpoint endpoint : endpoints) {
            Map<String, Object> unknown = problem(endpoint.name() + " unknown id", endpoint.call().apply(UUID.randomUUID().toString()));
            assertEquals(404, unknown.get("status"), endpoint.name());
            for (String notAnId : NOT_IDS) {
                assertEquals(unknown, problem(endpoint.name() + " " + notAnId, endpoint.call().apply(notAnId)),
                        endpoint.name() + " " + notAnId);
            }
        }
    }

    @Test
    void aMalformedConversationIdSaysNoConversation() {
        Map<String, Object> problem = problem("GET", as().get("/api/chat/conversations/not-a-uuid"));
        assertEquals("not_found", problem.get("code"));
        assertEquals("No conversation with this id.", problem.get("detail"));
        Map<String, Object> message = problem("regenerate", as().contentType(ContentType.JSON).accept(ContentType.JSON)
                .body("{}").post("/api/chat/messages/not-a-uuid/regenerate"));
        assertEquals("No message with this id.", message.get("detail"));
    }

    private RequestSpecification as() {
        return given().auth().oauth2(fay);
    }

    private static Map<String, Object> problem(String what, Response response) {
        assertEquals("application/problem+json", response.contentType().split(";")[0], what + ": " + response.asString());
        Map<String, Object> body = new HashMap<>(response.jsonPath().getMap(""));
        body.remove("instance"); // the path asked for, which differs by design
        assertEquals(response.statusCode(), body.get("status"), what);
        return body;
    }
}
