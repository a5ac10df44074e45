package dev.aistudio.chat.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.aistudio.chat.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Fields are named as the JSON body spells them, in refusals too; a field the body may not have is refused rather than
 * dropped (read leniently, {@code {"temperature":0.2}} made a conversation at the provider's default temperature).
 */
@QuarkusTest
class BodyFieldsTest {

    private final String dora = TestIssuer.token(UUID.randomUUID());

    @Test
    void aSamplingParameterOutOfRangeIsNamedAsTheBodySpellsIt() {
        given().auth().oauth2(dora).contentType(ContentType.JSON).body("{\"params\":{\"top_p\":1.5,\"max_tokens\":0}}")
                .post("/api/chat/conversations").then().statusCode(400).contentType("application/problem+json")
                .body("code", is("validation_failed"))
                .body("violations.field", hasItem("params.top_p")).body("violations.field", hasItem("params.max_tokens"));
    }

    @Test
    void aFieldTheBodyMayNotHaveIsRefusedNamingItAndNothingChanges() {
        given().auth().oauth2(dora).contentType(ContentType.JSON).body("{\"title\":\"Loose\",\"temperature\":0.2}")
                .post("/api/chat/conversations").then().statusCode(400).contentType("application/problem+json")
                .body("code", is("unknown_field")).body("violations.field", hasItem("temperature"))
                .body("detail", containsString("params"));
        String id = given().auth().oauth2(dora).contentType(ContentType.JSON).body("{\"title\":\"Kept\"}")
                .post("/api/chat/conversations").then().statusCode(201).extract().path("id");
        given().auth().oauth2(dora).contentType(ContentType.JSON).body("{\"params\":{\"topP\":0.5}}")
                .patch("/api/chat/conversations/" + id).then().statusCode(400)
                .body("code", is("unknown_field")).body("violations.field", hasItem("params.topP"))
                .body("detail", containsString("top_p"));
        given().auth().oauth2(dora).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body("{\"content\":\"hello\",\"parent_id\":\"" + UUID.randomUUID() + "\"}")
                .post("/api/chat/conversations/" + id + "/messages").then().statusCode(400)
                .body("code", is("unknown_field")).body("violations.field", hasItem("parent_id"));
        given().auth().oauth2(dora).get("/api/chat/conversations").then().statusCode(200)
                .body("items.size()", is(1)).body("items[0].title", is("Kept"));
        given().auth().oauth2(dora).get("/api/chat/conversations/" + id).then().statusCode(200)
                .body("messages.size()", is(0)).body("params.top_p", is((Object) null));
    }
}
