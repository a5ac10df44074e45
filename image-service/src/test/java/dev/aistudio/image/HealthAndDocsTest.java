package dev.aistudio.image;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

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
        pathIdsAreDocumentedAsUuids(4);
    }

    @Test
    void theDocumentSaysWhatTheServiceAnswers() {
        Map<String, Object> doc = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().path("");
        // the statuses as sent: a job was documented as 200, a deletion as 200 only
        assertEquals(Set.of("202", "400", "401", "403", "default"), responses(doc, "/api/images", "post").keySet());
        assertEquals(Set.of("200", "204", "401", "403", "default"), responses(doc, "/api/images/{id}", "delete").keySet());
        assertEquals(Set.of("200", "206", "304", "401", "403", "default"),
                responses(doc, "/api/images/{id}/content", "get").keySet());
        everyOperationNamesAKnownSchemeAndAnswersProblems(doc);
    }

    /** Every id in a path is documented as a UUID (the resources take it as text and answer 404 for anything else). */
    @SuppressWarnings("unchecked")
    private static void pathIdsAreDocumentedAsUuids(int expected) {
        Map<String, Map<String, Object>> paths = given().accept("application/json").get("/q/openapi").then()
                .statusCode(200).extract().path("paths");
        List<String> checked = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            for (Map<String, Object> parameter : (List<Map<String, Object>>) ((Map<String, Object>) operation)
                    .getOrDefault("parameters", List.of())) {
                if ("path".equals(parameter.get("in"))) {
                    assertEquals(Map.of("type", "string", "format", "uuid"), parameter.get("schema"), method + " " + path);
                    checked.add(method + " " + path);
                }
            }
        }));
        assertEquals(expected, checked.size(), checked.toString());
    }
    @SuppressWarnings("unchecked")
    private static Map<String, Object> responses(Map<String, Object> doc, String path, String method) {
        return (Map<String, Object>) ((Map<String, Map<String, Object>>) ((Map<String, Object>) doc.get("paths")).get(path))
                .get(method).get("responses");
    }

    /** Every operation names the scheme the document defines, and every error answer is problem+json. */
    @SuppressWarnings("unchecked")
    private static void everyOperationNamesAKnownSchemeAndAnswersProblems(Map<String, Object> doc) {
        Map<String, Object> components = (Map<String, Object>) doc.get("components");
        assertEquals(Set.of("jwt"), ((Map<String, Object>) components.get("securitySchemes")).keySet());
        assertTrue(((Map<String, Object>) components.get("schemas")).containsKey("Problem"));
        ((Map<String, Map<String, Map<String, Object>>>) doc.get("paths")).forEach((path, operations) -> operations
                .forEach((method, operation) -> {
                    assertEquals(List.of(Map.of("jwt", List.of())), operation.get("security"), method + " " + path);
                    ((Map<String, Map<String, Object>>) operation.get("responses")).forEach((status, response) -> {
                        if (status.startsWith("4") || status.startsWith("5") || status.equals("default")) {
                            assertEquals(Map.of("application/problem+json", Map.of("schema",
                                    Map.of("$ref", "#/components/schemas/Problem"))), response.get("content"),
                                    method + " " + path + " " + status);
                        }
                    });
                }));
    }
}
