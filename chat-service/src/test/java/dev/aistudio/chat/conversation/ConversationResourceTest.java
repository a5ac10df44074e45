package dev.aistudio.chat.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.aistudio.chat.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ConversationResourceTest {

    private final String alice = TestIssuer.token(UUID.randomUUID());
    private final String bob = TestIssuer.token(UUID.randomUUID());

    @Test
    void createsAndReadsAConversationWithItsSettings() {
        String id = given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body("{\"title\":\"Plans\",\"model\":\"stub-echo\",\"systemPrompt\":\"Be brief.\","
                        + "\"params\":{\"temperature\":0.2,\"top_p\":0.9,\"max_tokens\":256}}")
                .post("/api/chat/conversations").then().statusCode(201)
                .header("Location", notNullValue())
                .body("title", is("Plans")).body("model", is("stub-echo")).body("systemPrompt", is("Be brief."))
                .body("params.temperature", is(0.2f)).body("params.top_p", is(0.9f)).body("params.max_tokens", is(256))
                .extract().path("id");

        given().auth().oauth2(alice).get("/api/chat/conversations/" + id).then().statusCode(200)
                .body("id", is(id)).body("title", is("Plans")).body("messages", empty());
    }

    @Test
    void createsAConversationFromAnEmptyBody() {
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{}")
                .post("/api/chat/conversations").then().statusCode(201).body("title", nullValue())
                .body("id", notNullValue());
    }

    @Test
    void patchRenamesAndChangesPromptModelAndParameters() {
        String id = create(alice, "Old name");
        given().auth().oauth2(alice).contentType(ContentType.JSON)
                .body("{\"title\":\"New name\",\"systemPrompt\":\"Answer in French.\",\"model\":\"offline-echo\","
                        + "\"params\":{\"temperature\":1.5}}")
                .patch("/api/chat/conversations/" + id).then().statusCode(200)
                .body("title", is("New name")).body("systemPrompt", is("Answer in French."))
                .body("model", is("offline-echo")).body("params.temperature", is(1.5f))
                .body("params.max_tokens", nullValue());
        // absent fields stay; an empty string clears
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"systemPrompt\":\"\"}")
                .patch("/api/chat/conversations/" + id).then().statusCode(200)
                .body("title", is("New name")).body("systemPrompt", nullValue()).body("model", is("offline-echo"));
    }

    @Test
    void listsNewestFirstInKeysetPages() {
        String token = TestIssuer.token(UUID.randomUUID());
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(token, "Conversation " + i));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/chat/conversations").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null);
        assertEquals(List.of(created.get(4), created.get(3), created.get(2), created.get(1), created.get(0)), seen);
        assertEquals(3, pages);
    }

    @Test
    void searchFindsConversationsByTitle() {
        String token = TestIssuer.token(UUID.randomUUID());
        String wanted = create(token, "Trip to Lisbon");
        create(token, "Groceries");
        create(token, "100% sure_thing");
        given().auth().oauth2(token).queryParam("q", "lisbon").get("/api/chat/conversations").then().statusCode(200)
                .body("items.id", contains(wanted));
        // LIKE wildcards in the search are matched literally
        given().auth().oauth2(token).queryParam("q", "%").get("/api/chat/conversations").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].title", is("100% sure_thing"));
    }

    @Test
    void deleteRemovesTheConversation() {
        String id = create(alice, "Short-lived");
        given().auth().oauth2(alice).delete("/api/chat/conversations/" + id).then().statusCode(204);
        given().auth().oauth2(alice).get("/api/chat/conversations/" + id).then().statusCode(404)
                .body("code", is("not_found"));
        given().auth().oauth2(alice).delete("/api/chat/conversations/" + id).then().statusCode(404);
    }

    @Test
    void anotherUsersConversationIsNotFound() {
        String id = create(alice, "Private");
        given().auth().oauth2(bob).get("/api/chat/conversations/" + id).then().statusCode(404)
                .contentType("application/problem+json").body("code", is("not_found"));
        given().auth().oauth2(bob).contentType(ContentType.JSON).body("{\"title\":\"Mine now\"}")
                .patch("/api/chat/conversations/" + id).then().statusCode(404);
        given().auth().oauth2(bob).delete("/api/chat/conversations/" + id).then().statusCode(404);
        given().auth().oauth2(bob).queryParam("q", "Private").get("/api/chat/conversations").then().statusCode(200)
                .body("items", empty());
        given().auth().oauth2(alice).get("/api/chat/conversations/" + id).then().statusCode(200)
                .body("title", is("Private"));
    }

    @Test
    void badInputIsAClearClientError() {
        String id = create(alice, "Valid");
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"title\": 12, ")
                .post("/api/chat/conversations").then().statusCode(400).body("code", is("invalid_json"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"params\":{\"temperature\":7}}")
                .post("/api/chat/conversations").then().statusCode(400).body("code", is("validation_failed"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"params\":{\"max_tokens\":\"many\"}}")
                .post("/api/chat/conversations").then().statusCode(400).body("code", is("invalid_json"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"model\":\"no-such-model\"}")
                .patch("/api/chat/conversations/" + id).then().statusCode(400).body("code", is("unknown_model"));
        given().auth().oauth2(alice).contentType(ContentType.JSON).body("{\"currentLeafId\":\"" + UUID.randomUUID() + "\"}")
                .patch("/api/chat/conversations/" + id).then().statusCode(400).body("code", is("unknown_message"));
        given().auth().oauth2(alice).queryParam("cursor", "garbage").get("/api/chat/conversations").then()
                .statusCode(400).body("code", is("invalid_cursor"));
        given().auth().oauth2(alice).queryParam("limit", 0).get("/api/chat/conversations").then()
                .statusCode(400).body("code", is("validation_failed"));
        given().auth().oauth2(alice).get("/api/chat/conversations/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(alice).contentType(ContentType.TEXT).body("hello")
                .post("/api/chat/conversations").then().statusCode(415);
    }

    static String create(String token, String title) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"title\":\"" + title + "\"}")
                .post("/api/chat/conversations").then().statusCode(201).extract().path("id");
    }

    private static void assertEquals(Object expected, Object actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual);
    }
}
