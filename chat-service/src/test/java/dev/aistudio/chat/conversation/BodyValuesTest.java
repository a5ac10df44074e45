package dev.aistudio.chat.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.aistudio.chat.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * A body's values are read as written: a value of the wrong kind, or a key given twice, is a 400 naming the field and
 * changes nothing. Read leniently, {@code {"title": 5}} stored the title "5" and {@code "max_tokens": 64.9} became 64.
 */
@QuarkusTest
class BodyValuesTest {

    private final String erin = TestIssuer.token(UUID.randomUUID());

    @Test
    void aConversationWithAValueOfTheWrongKindIsRefusedAndNotCreated() {
        refused(create("{\"title\":5}"), "title", "must be a string");
        refused(create("{\"title\":true}"), "title", "must be a string");
        refused(create("{\"systemPrompt\":12.5}"), "systemPrompt", "must be a string");
        refused(create("{\"model\":[\"offline-echo\"]}"), "model", "must be a string");
        refused(create("{\"params\":{\"temperature\":\"0.7\"}}"), "params.temperature", "must be a number");
        refused(create("{\"params\":{\"top_p\":true}}"), "params.top_p", "must be a number");
        refused(create("{\"params\":{\"max_tokens\":64.9}}"), "params.max_tokens", "must be an integer");
        refused(create("{\"params\":{\"max_tokens\":\"64\"}}"), "params.max_tokens", "must be an integer");
        refused(create("{\"params\":\"warm\"}"), "params", "must be a JSON object");
        refused(create("{\"currentLeafId\":5}"), "currentLeafId", "must be a UUID");
        given().auth().oauth2(erin).get("/api/chat/conversations").then().statusCode(200).body("items.size()", is(0));
    }

    @Test
    void aPatchWithAValueOfTheWrongKindChangesNothing() {
        String id = given().auth().oauth2(erin).contentType(ContentType.JSON)
                .body("{\"title\":\"Kept\",\"params\":{\"temperature\":0.5,\"max_tokens\":100}}")
                .post("/api/chat/conversations").then().statusCode(201).extract().path("id");

        refused(patch(id, "{\"title\":5}"), "title", "must be a string");
        refused(patch(id, "{\"title\":\"Changed\",\"systemPrompt\":false}"), "systemPrompt", "must be a string");
        refused(patch(id, "{\"params\":{\"temperature\":\"1\",\"max_tokens\":50}}"), "params.temperature", "must be a number");
        refused(patch(id, "{\"params\":{\"max_tokens\":50.5}}"), "params.max_tokens", "must be an integer");

        given().auth().oauth2(erin).get("/api/chat/conversations/" + id).then().statusCode(200)
                .body("title", is("Kept")).body("systemPrompt", is((Object) null))
                .body("params.temperature", is(0.5f)).body("params.max_tokens", is(100));
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingItAndChangesNothing() {
        refused(create("{\"title\":\"One\",\"title\":\"Two\"}"), "title", "is given more than once");
        given().auth().oauth2(erin).get("/api/chat/conversations").then().statusCode(200).body("items.size()", is(0));

        String id = given().auth().oauth2(erin).contentType(ContentType.JSON).body("{\"title\":\"Kept\"}")
                .post("/api/chat/conversations").then().statusCode(201).extract().path("id");
        refused(patch(id, "{\"title\":\"One\",\"title\":\"Two\"}"), "title", "is given more than once");
        refused(patch(id, "{\"params\":{\"temperature\":0.1,\"temperature\":0.2}}"), "params.temperature",
                "is given more than once");
        refused(post(id, "{\"content\":\"hello\",\"content\":\"again\"}"), "content", "is given more than once");

        given().auth().oauth2(erin).get("/api/chat/conversations/" + id).then().statusCode(200)
                .body("title", is("Kept")).body("params.temperature", is((Object) null)).body("messages.size()", is(0));
    }

    @Test
    void aMessageWithContentOrParamsOfTheWrongKindIsRefusedAndNothingIsSent() {
        String id = given().auth().oauth2(erin).contentType(ContentType.JSON).body("{\"model\":\"offline-echo\"}")
                .post("/api/chat/conversations").then().statusCode(201).extract().path("id");

        refused(post(id, "{\"content\":5}"), "content", "must be a string");
        refused(post(id, "{\"content\":true}"), "content", "must be a string");
        refused(post(id, "{\"content\":{\"text\":\"hello\"}}"), "content", "must be a string");
        refused(post(id, "{\"content\":\"hello\",\"params\":{\"max_tokens\":\"5\"}}"), "params.max_tokens",
                "must be an integer");
        refused(post(id, "{\"content\":\"hello\",\"parentId\":7}"), "parentId", "must be a UUID");
        // the streaming form of the same endpoint refuses alike, before any event
        refused(given().auth().oauth2(erin).contentType(ContentType.JSON).accept("text/event-stream")
                .body("{\"content\":42}").post("/api/chat/conversations/" + id + "/messages").then(),
                "content", "must be a string");

        given().auth().oauth2(erin).get("/api/chat/conversations/" + id).then().statusCode(200)
                .body("messages.size()", is(0));
    }

    private ValidatableResponse create(String body) {
        return given().auth().oauth2(erin).contentType(ContentType.JSON).body(body)
                .post("/api/chat/conversations").then();
    }

    private ValidatableResponse patch(String id, String body) {
        return given().auth().oauth2(erin).contentType(ContentType.JSON).body(body)
                .patch("/api/chat/conversations/" + id).then();
    }

    private ValidatableResponse post(String id, String body) {
        return given().auth().oauth2(erin).contentType(ContentType.JSON).accept(ContentType.JSON).body(body)
                .post("/api/chat/conversations/" + id + "/messages").then();
    }

    private static void refused(ValidatableResponse response, String field, String message) {
        response.log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("code", is("invalid_json"))
                .body("violations.field", contains(field))
                .body("violations.message", contains(message));
    }
}
