package dev.aistudio.chat.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.aistudio.chat.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Text PostgreSQL cannot store as sent (a NUL character, an unpaired surrogate) and query numbers that do not parse are the caller's mistakes: a 400
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
    void anUnpairedSurrogateInATitleSystemPromptOrMessageIsA400NotStoredAsAQuestionMark() {
        // U+D800 alone has no UTF-8 form: PostgreSQL stored "lone ? surrogate" and answered 201
        String message = "must be valid Unicode text: it has an unpaired surrogate (\\ud800-\\udfff), which cannot be stored";
        given().auth().oauth2(carol).contentType(ContentType.JSON).body("{\"title\":\"lone \\ud800 surrogate\"}")
                .post("/api/chat/conversations").then().statusCode(400).contentType("application/problem+json")
                .body("code", is("invalid_text")).body("violations.field", hasItem("title"))
                .body("violations.message", hasItem(message));
        String id = given().auth().oauth2(carol).contentType(ContentType.JSON).body("{\"title\":\"Kept \\ud83d\\ude00\"}")
                .post("/api/chat/conversations").then().statusCode(201).extract().path("id");
        given().auth().oauth2(carol).contentType(ContentType.JSON).body("{\"systemPrompt\":\"\\udfff\"}")
                .patch("/api/chat/conversations/" + id).then().statusCode(400).body("code", is("invalid_text"))
                .body("violations.field", hasItem("systemPrompt"));
        given().auth().oauth2(carol).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body("{\"content\":\"hello \\ud83d\"}")
                .post("/api/chat/conversations/" + id + "/messages").then().statusCode(400)
                .body("code", is("invalid_text")).body("violations.field", hasItem("content"));
        // a whole pair is stored as sent, and the refused requests changed nothing
        given().auth().oauth2(carol).get("/api/chat/conversations/" + id).then().statusCode(200)
                .body("title", is("Kept \uD83D\uDE00")).body("systemPrompt", nullValue()).body("messages.size()", is(0));
    }

    @Test
    void aQueryNumberThatDoesNotParseIsA400NamingIt() {
        given().auth().oauth2(carol).get("/api/chat/conversations?limit=ten").then().statusCode(400)
                .contentType("application/problem+json").body("code", is("invalid_parameter"))
                .body("violations[0].field", is("limit"));
    }
}
