package dev.aistudio.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

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
        pathIdsAreDocumentedAsUuids(7);
    }

    @Test
    void theDocumentSaysWhatTheServiceAnswers() {
        Map<String, Object> doc = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().path("");
        // the statuses as sent: create was documented as 200, delete as 200 and the re-attach stream as 204
        assertEquals(Set.of("201", "400", "default"), responses(doc, "/api/chat/conversations", "post").keySet());
        assertEquals(Set.of("204", "default"), responses(doc, "/api/chat/conversations/{id}", "delete").keySet());
        assertEquals(Set.of("200", "default"), responses(doc, "/api/chat/conversations/{id}/stream", "get").keySet());
        assertEquals(Set.of("text/event-stream"), content(doc, "/api/chat/conversations/{id}/stream", "get", "200"));
        assertEquals(Set.of("text/event-stream"), content(doc, "/api/chat/conversations/{id}/messages", "post", "200"));
        assertEquals(Set.of("application/json"), content(doc, "/api/chat/conversations/{id}/messages", "post", "201"));
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

    @SuppressWarnings("unchecked")
    private static Set<String> content(Map<String, Object> doc, String path, String method, String status) {
        return ((Map<String, Object>) ((Map<String, Object>) responses(doc, path, method).get(status)).get("content"))
                .keySet();
    }

    /**
     * A security requirement names a scheme the document defines (they said "jwt" where the scheme was named
     * "SecurityScheme", so Swagger UI's Authorize did not apply to them), and every error answer is problem+json.
     */
    @SuppressWarnings("unchecked")
    private static void everyOperationNamesAKnownSchemeAndAnswersProblems(Map<String, Object> doc) {
        Map<String, Object> components = (Map<String, Object>) doc.get("components");
        Set<String> schemes = ((Map<String, Object>) components.get("securitySchemes")).keySet();
        assertTrue(((Map<String, Object>) components.get("schemas")).containsKey("Problem"));
        ((Map<String, Map<String, Map<String, Object>>>) doc.get("paths")).forEach((path, operations) -> operations
                .forEach((method, operation) -> {
                    List<Map<String, Object>> security = (List<Map<String, Object>>) operation.get("security");
                    assertTrue(security != null && !security.isEmpty(), method + " " + path + " names no scheme");
                    for (Map<String, Object> requirement : security) {
                        assertTrue(schemes.containsAll(requirement.keySet()), method + " " + path + ": " + requirement);
                    }
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
