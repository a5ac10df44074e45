package dev.aistudio.image.job;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.aistudio.image.support.Client;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * What a developer calling the API by hand gets wrong: each is a 400 problem naming the field, and nothing is stored
 * or changed. Found by probing the running service with curl: every one of these used to answer 202 (or 200) and
 * store something other than what was sent.
 */
@QuarkusTest
class BadInputTest {

    private final Client ana = new Client();

    @Test
    void aFractionalNumberIsRefusedNotCutToAnInteger() {
        // was 202 with width 512 and seed 12: a different picture from the seed the caller asked for
        refused("{\"model\":\"offline-pattern\",\"prompt\":\"a\",\"width\":512.5}", "invalid_json", "width", "must be an integer");
        refused("{\"model\":\"offline-pattern\",\"prompt\":\"a\",\"seed\":12.9}", "invalid_json", "seed", "must be an integer");
        nothingStored();
    }

    @Test
    void aValueOfTheWrongKindIsRefusedNotConverted() {
        refused("{\"model\":\"offline-pattern\",\"prompt\":\"a\",\"width\":\"512\"}", "invalid_json", "width", "must be an integer");
        refused("{\"model\":\"offline-pattern\",\"prompt\":\"a\",\"guidance\":\"7\"}", "invalid_json", "guidance", "must be a number");
        refused("{\"model\":\"offline-pattern\",\"prompt\":5}", "invalid_json", "prompt", "must be a string");
        refused("{\"model\":\"offline-pattern\",\"prompt\":true}", "invalid_json", "prompt", "must be a string");
        nothingStored();
    }

    @Test
    void aFieldGivenTwiceIsRefused() {
        ana.request().body("{\"model\":\"offline-pattern\",\"prompt\":\"a\",\"prompt\":\"b\"}").post("/api/images").then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", is("invalid_json")).body("detail", containsString("prompt"))
                .body("violations.field", contains("prompt")).body("violations.message", contains("is given more than once"));
        nothingStored();
    }

    @Test
    void anUnpairedSurrogateIsRefusedNotStoredAsAQuestionMark() {
        // PostgreSQL stores UTF-8: "\ud800" alone has no UTF-8 form and came back as "lone ? surrogate"
        refused("{\"model\":\"offline-pattern\",\"prompt\":\"lone \\ud800 surrogate\"}", "invalid_text", "prompt",
                "unpaired surrogate");
        refused("{\"model\":\"offline-pattern\",\"prompt\":\"a\",\"negativePrompt\":\"\\udfff\"}", "invalid_text",
                "negativePrompt", "unpaired surrogate");
        nothingStored();
        // a whole pair (an emoji) is text like any other, and stored as sent
        String id = ana.submitOk(Map.of("model", "offline-pattern", "prompt", "a smile \uD83D\uDE00"));
        ana.job(id).then().statusCode(200).body("prompt", is("a smile \uD83D\uDE00"));
    }

    @Test
    void aPageSizeOutsideOneToAHundredIsA400NamingLimit() {
        // was clamped: limit=0 and limit=-3 answered one item
        for (String limit : new String[] { "0", "-3", "101" }) {
            ana.request().get("/api/images?limit=" + limit).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("violations.field", hasItem("limit"));
        }
        ana.request().get("/api/images?limit=100").then().statusCode(200);
        ana.request().get("/api/images?limit=1").then().statusCode(200);
    }

    @Test
    void aPathSegmentThatCannotBeAnIdAnswersAsAnUnknownImage() {
        Map<String, Function<String, Response>> endpoints = Map.of(
                "GET", id -> ana.request().get("/api/images/" + id),
                "DELETE", id -> ana.request().delete("/api/images/" + id),
                "content", id -> ana.request().get("/api/images/" + id + "/content"),
                "thumbnail", id -> ana.request().get("/api/images/" + id + "/thumbnail"));
        endpoints.forEach((name, call) -> {
            Map<String, Object> unknown = problem(name, call.apply(UUID.randomUUID().toString()));
            assertEquals(Map.of("type", "https://aistudio.dev/problems/not_found", "title", "Not found", "status", 404,
                    "detail", "No image with this id.", "code", "not_found"), unknown, name);
            for (String notAnId : new String[] { "not-a-uuid", "123", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz" }) {
                assertEquals(unknown, problem(name + " " + notAnId, call.apply(notAnId)), name + " " + notAnId);
            }
        });
    }

    @Test
    void aWrongMethodNamesTheMethodsThePathAllows() {
        // was "HTTP 405 Method Not Allowed" with no Allow header
        ana.request().put("/api/images").then().statusCode(405).contentType("application/problem+json")
                .body("code", is("method_not_allowed")).header("Allow", "GET, HEAD, POST, OPTIONS")
                .body("detail", is("PUT is not allowed on /api/images; it allows GET, HEAD, POST, OPTIONS."));
        // /api/images/models is the model list's path, not an image id's
        ana.request().delete("/api/images/models").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
        ana.request().post("/api/images/" + UUID.randomUUID() + "/content").then().statusCode(405)
                .header("Allow", "GET, HEAD, OPTIONS");
        ana.request().get("/api/images/" + UUID.randomUUID() + "/nope").then().statusCode(404)
                .contentType("application/problem+json").body("code", is("not_found"))
                .body("detail", containsString("no endpoint of this service has this path"));
    }

    @Test
    void anAcceptTheGalleryCannotAnswerNamesWhatItAnswers() {
        ana.request().accept("image/png").get("/api/images").then().statusCode(406)
                .contentType("application/problem+json").body("code", is("not_acceptable"))
                .body("detail", is("GET /api/images answers application/json and the request's Accept is image/png;"
                        + " send an Accept header that includes one of those, or none."));
    }

    private static Map<String, Object> problem(String what, Response response) {
        assertEquals("application/problem+json", response.contentType().split(";")[0], what + ": " + response.asString());
        Map<String, Object> body = new HashMap<>(response.jsonPath().getMap(""));
        body.remove("instance"); // the path asked for, which differs by design
        return body;
    }

    private void refused(String body, String code, String field, String message) {
        ana.request().body(body).post("/api/images").then().log().ifValidationFails()
                .statusCode(400).contentType("application/problem+json")
                .body("code", is(code))
                .body("violations.field", hasItem(field))
                .body("violations.message", hasItem(containsString(message)));
    }

    private void nothingStored() {
        ana.request().get("/api/images").then().statusCode(200).body("items", hasSize(0));
    }
}
