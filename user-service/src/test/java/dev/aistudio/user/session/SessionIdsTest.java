package dev.aistudio.user.session;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.aistudio.user.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A path segment that cannot be a session's id answers as a session the caller does not have: the same 404 problem. */
@QuarkusTest
class SessionIdsTest {

    private final Api api = new Api();

    @Test
    void aMalformedSessionIdAnswersAsAnUnknownOneAndEndsNothing() {
        String username = api.newAccount("ids");
        String token = api.token(username);
        Map<String, Object> unknown = problem(given().auth().oauth2(token).delete("/api/auth/sessions/" + UUID.randomUUID()));
        assertEquals(Map.of("type", "https://aistudio.dev/problems/session_not_found", "title", "Not found", "status", 404,
                "detail", "No such session.", "code", "session_not_found"), unknown);

        for (String notAnId : new String[] { "not-a-uuid", "123", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", UUID.randomUUID() + "0" }) {
            assertEquals(unknown, problem(given().auth().oauth2(token).delete("/api/auth/sessions/" + notAnId)), notAnId);
        }
        api.me(token).then().statusCode(200);
    }

    private static Map<String, Object> problem(Response response) {
        assertEquals("application/problem+json", response.contentType().split(";")[0], response.asString());
        Map<String, Object> body = new HashMap<>(response.jsonPath().getMap(""));
        body.remove("instance"); // the path asked for, which differs by design
        return body;
    }
}
