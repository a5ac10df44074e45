package dev.aistudio.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static dev.aistudio.testing.OpenApiChecks.statuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.aistudio.testing.OpenApiChecks;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthAndDocsTest {

    @Test
    void liveReadyMetricsAndOpenApiAreServed() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().get("/q/metrics").then().statusCode(200);
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/images/{id}/content"));
    }

    @Test
    void pathIdsAreDocumentedAsUuids() {
        // {id} (GET, DELETE), {id}/content, {id}/thumbnail
        OpenApiChecks.pathIdsAreUuids(document(), 4);
    }

    @Test
    void theDocumentSaysWhatTheServiceAnswers() {
        Map<String, Object> doc = document();
        // the statuses as sent: a job was documented as 200, a deletion as 200 only
        assertEquals(Set.of("202", "400", "401", "403", "default"), statuses(doc, "/api/images", "post"));
        assertEquals(Set.of("200", "204", "401", "403", "default"), statuses(doc, "/api/images/{id}", "delete"));
        assertEquals(Set.of("200", "206", "304", "401", "403", "default"), statuses(doc, "/api/images/{id}/content", "get"));
        // one scheme, named as every operation names it, so Swagger UI's Authorize applies to all
        assertEquals(Set.of("jwt"), ((Map<?, ?>) ((Map<?, ?>) doc.get("components")).get("securitySchemes")).keySet());
        OpenApiChecks.securityNamesKnownSchemes(doc, true);
        OpenApiChecks.errorsAreProblems(doc);
    }

    private static Map<String, Object> document() {
        return given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().path("");
    }
}
