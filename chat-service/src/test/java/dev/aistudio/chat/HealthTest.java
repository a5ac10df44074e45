package dev.aistudio.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
}
