package dev.aistudio.chat.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.aistudio.chat.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Text PostgreSQL cannot store (a NUL character) and query numbers that do not parse are the caller's mistakes: a 400
 * naming the field, never a 500 from the database or a 404 as if the list did not exist.
 */
@QuarkusTest
class BadTextTest {

    private final String carol = TestIssuer.token(UUID.randomUUID());

    @Test
    void aNulCharacterInATitleSystemPromptOrMessageIsA400() {
        given().auth().oauth2(carol).contentType(ContentType.JSON).body("{\"title\":\"a\\u0000b\"}")
                .post("/api/chat/conversations").then().statusCode(400).contentType("application/problem+json")
                .body("code", is("invalid_text")).body("violations.field", hasItem("title"));
        String id = given().auth().oauth2(carol).contentType(ContentType.JSON).body("{\"title\":\"Kept\"}")
                .post("/api/chat/conversations").then().statusCode(201).extract().path("id");
        given().auth().oauth2(carol).contentType(ContentType.JSON).body("{\"systemPrompt\":\"be \\u0000 brief\"}")
                .patch("/api/chat/conversations/" + id).then().statusCode(400).body("code", is("invalid_text"))
                .body("violations.field", hasItem("systemPrompt"));
        given().auth().oauth2(carol).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body("{\"content\":\"hello\\u0000\"}")
                .post("/api/chat/conversations/" + id + "/messages").then().statusCode(400)
                .body("code", is("invalid_text")).body("violations.field", hasItem("content"));
        // nothing was stored or changed by the refused requests
        given().auth().oauth2(carol).get("/api/chat/conversations/" + id).then().statusCode(200)
                .body("title", is("Kept")).body("messages.size()", is(0));
    }

    @Test
    void aQueryNumberThatDoesNotParseIsA400NamingIt() {
        given().auth().oauth2(carol).get("/api/chat/conversations?limit=ten").then().statusCode(400)
                .contentType("application/problem+json").body("code", is("invalid_parameter"))
                .body("violations[0].field", is("limit"));
    }
}
