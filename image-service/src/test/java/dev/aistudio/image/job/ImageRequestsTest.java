package dev.aistudio.image.job;

import static dev.aistudio.image.support.Client.offline;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.aistudio.image.support.Client;
import dev.aistudio.testing.EmbeddedPostgresResource;
import dev.aistudio.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Bad input gets a clear 4xx naming the field; nobody sees anyone else's images; the gallery pages by keyset. */
@QuarkusTest
class ImageRequestsTest {

    private final Client ana = new Client();

    @Test
    void modelsListTheirRangesAndTheOfflinePlaceholderIsLabelled() {
        ana.request().get("/api/images/models").then()
                .statusCode(200)
                .body("find { it.id == 'offline-pattern' }.offline", is(true))
                .body("find { it.id == 'offline-pattern' }.available", is(true))
                .body("find { it.id == 'offline-pattern' }.name", is("Offline placeholder (not AI)"))
                .body("find { it.id == 'stabilityai/stable-diffusion-xl-base-1.0' }.available", is(true))
                .body("find { it.id == 'stabilityai/stable-diffusion-xl-base-1.0' }.parameters.width.max", is(1536))
                .body("find { it.id == 'black-forest-labs/FLUX.1-schnell' }.parameters.negativePrompt", is(false))
                .body("find { it.id == 'black-forest-labs/FLUX.1-schnell' }.parameters.guidance", nullValue())
                .body("family", hasItem("flux"));
    }

    @Test
    void everyEndpointNeedsAValidToken() {
        given().get("/api/images").then().statusCode(401).contentType("application/problem+json").body("code", is("unauthorized"));
        given().get("/api/images/models").then().statusCode(401);
        given().auth().oauth2(TestIssuer.expiredToken(UUID.randomUUID())).get("/api/images").then()
                .statusCode(401).body("code", is("invalid_token"));
        given().auth().oauth2(TestIssuer.foreignAudienceToken(UUID.randomUUID())).get("/api/images").then().statusCode(401);
    }

    @Test
    void aNulCharacterInThePromptIsA400NotAServerError() {
        ana.submit(offline("a lighthouse\u0000")).then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", is("invalid_text")).body("violations.field", hasItem("prompt"));
        ana.request().get("/api/images").then().statusCode(200);
    }

    @Test
    void aQueryNumberThatDoesNotParseIsA400NamingIt() {
        // the JAX-RS default answers a failed query conversion with 404, as if the gallery did not exist
        ana.request().get("/api/images?limit=many").then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", is("invalid_parameter"))
                .body("violations[0].field", is("limit")).body("violations[0].in", is("query"));
        ana.request().get("/api/images/not-an-id").then().statusCode(404);
    }

    @Test
    void aMalformedUriIsAProblemNotAnEmpty400() throws Exception {
        // HTTP client libraries refuse to send these, so over a socket: a bad escape in the query, one in the path
        // (refused by Vert.x Web's router before any filter), a brace
        for (String target : List.of("/api/images?cursor=%%%", "/api/images/%zz", "/api/images?limit={1}")) {
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                socket.setSoTimeout(15_000);
                socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close"
                        + "\r\nAuthorization: Bearer " + TestIssuer.token(ana.userId) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 400 "), target + " answered " + answer);
                assertTrue(answer.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"), answer);
                assertTrue(answer.contains("\"code\":\"invalid_uri\""), answer);
            }
        }
    }

    @Test
    void parametersAreCheckedAgainstTheModelNamingTheField() {
        ana.submit(Map.of("model", "no-such-model", "prompt", "x")).then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", is("unknown_model")).body("violations.field", hasItem("model"));
        ana.submit(Map.of("model", "offline-pattern", "prompt", "x", "width", 4096)).then()
                .statusCode(400).body("code", is("invalid_parameters")).body("violations.field", hasItem("width"));
        ana.submit(Map.of("model", "offline-pattern", "prompt", "x", "height", 100)).then()
                .statusCode(400).body("violations.field", hasItem("height"));
        ana.submit(Map.of("model", "black-forest-labs/FLUX.1-schnell", "prompt", "x", "guidance", 3.0,
                "negativePrompt", "ugly")).then()
                .statusCode(400).body("violations.field", hasItem("guidance")).body("violations.field", hasItem("negativePrompt"));
        ana.submit(Map.of("model", "offline-pattern", "prompt", "x", "steps", 0)).then()
                .statusCode(400).body("violations.field", hasItem("steps"));
        ana.submit(Map.of("model", "offline-pattern", "prompt", "x", "seed", -1)).then()
                .statusCode(400).body("code", is("validation_failed"));
    }

    @Test
    void missingWrongAndHostileInputAreClear400s() {
        ana.submit(Map.of("model", "offline-pattern")).then()
                .statusCode(400).body("code", is("validation_failed")).body("violations.field", hasItem("prompt"));
        ana.submit(Map.of("model", "offline-pattern", "prompt", "   ")).then().statusCode(400);
        ana.submit(Map.of("model", "offline-pattern", "prompt", "p".repeat(2001))).then().statusCode(400);
        ana.request().body("{\"model\": \"offline-pattern\", \"prompt\": \"x\", \"width\": \"wide\"}").post("/api/images")
                .then().statusCode(400).contentType("application/problem+json").body("code", is("invalid_json"));
        ana.request().body("{nope").post("/api/images").then().statusCode(400).body("code", is("invalid_json"))
                .body("type", is("https://aistudio.dev/problems/invalid_json"));
        ana.request().post("/api/images").then().statusCode(400);
        String hostile = "<script>alert(1)</script>'; drop table image_jobs; -- 🎨";
        String id = ana.submitOk(Client.offline(hostile));
        ana.job(id).then().statusCode(200).body("prompt", is(hostile));
        ana.request().get("/api/images/not-a-uuid").then().statusCode(404).body("code", is("not_found"));
    }

    @Test
    void anotherPersonsImagesAre404AndNeverListed() {
        Client bob = new Client();
        String id = ana.submitOk(Client.offline("ana's"));
        ana.awaitStatus(id, "succeeded");
        bob.job(id).then().statusCode(404).body("code", is("not_found"));
        bob.request().get("/api/images/" + id + "/content").then().statusCode(404);
        bob.request().get("/api/images/" + id + "/thumbnail").then().statusCode(404);
        bob.request().delete("/api/images/" + id).then().statusCode(404);
        bob.request().get("/api/images").then().statusCode(200).body("items", hasSize(0));
        ana.job(id).then().statusCode(200).body("status", is("succeeded"));
    }

    @Test
    void theGalleryPagesNewestFirstWithACursor() {
        Client cy = new Client();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(0, cy.submitOk(Client.offline("page " + i)));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = cy.request().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/images").then().statusCode(200).body("items.prompt", everyItem(notNullValue())).extract();
            seen.addAll(page.path("items.id"));
            cursor = page.path("next");
        } while (cursor != null);
        org.junit.jupiter.api.Assertions.assertEquals(made, seen);
        cy.request().queryParam("cursor", "garbage!").get("/api/images").then()
                .statusCode(400).body("code", is("invalid_cursor"));
    }

    @Test
    void onePersonMayHaveTenJobsWaitingAtOnce() {
        Client busy = new Client();
        for (int i = 0; i < 10; i++) {
            EmbeddedPostgresResource.execute("studio_images", """
                    insert into image_jobs (id, owner_id, model, provider, prompt, width, height, seed, status,
                      next_attempt_at, created_at)
                    values ('%s', '%s', 'offline-pattern', 'offline', 'waiting', 64, 64, 1, 'queued',
                      now() + interval '1 hour', now())""".formatted(UUID.randomUUID(), busy.userId));
        }
        busy.submit(Client.offline("one too many")).then()
                .statusCode(429).contentType("application/problem+json").body("code", is("too_many_jobs"));
        new Client().submit(Client.offline("someone else")).then().statusCode(202);
    }

    static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
