package dev.aistudio.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static dev.aistudio.testing.OpenApiChecks.mediaTypes;
import static dev.aistudio.testing.OpenApiChecks.statuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.aistudio.testing.OpenApiChecks;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Test
    void reportsLiveAndReady() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void servesOpenApiAndMetrics() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/chat/conversations/{id}/messages'.post", notNullValue());
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void pathIdsAreDocumentedAsUuids() {
        // conversations/{id} (GET, PATCH, DELETE, messages, stream, stop) and messages/{id}/regenerate
        OpenApiChecks.pathIdsAreUuids(document(), 7);
    }

    @Test
    void theDocumentSaysWhatTheServiceAnswers() {
        Map<String, Object> doc = document();
        // the statuses as sent: create was documented as 200, delete as 200 and the re-attach stream as 204
        assertEquals(Set.of("201", "400", "default"), statuses(doc, "/api/chat/conversations", "post"));
        assertEquals(Set.of("204", "default"), statuses(doc, "/api/chat/conversations/{id}", "delete"));
        assertEquals(Set.of("200", "default"), statuses(doc, "/api/chat/conversations/{id}/stream", "get"));
        assertEquals(Set.of("text/event-stream"), mediaTypes(doc, "/api/chat/conversations/{id}/stream", "get", "200"));
        assertEquals(Set.of("text/event-stream"), mediaTypes(doc, "/api/chat/conversations/{id}/messages", "post", "200"));
        assertEquals(Set.of("application/json"), mediaTypes(doc, "/api/chat/conversations/{id}/messages", "post", "201"));
        // every operation needs a token, and Swagger UI's Authorize must apply to each ("jwt" vs "SecurityScheme")
        OpenApiChecks.securityNamesKnownSchemes(doc, true);
        OpenApiChecks.errorsAreProblems(doc);
    }

    private static Map<String, Object> document() {
        return given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().path("");
    }
}
