package dev.aistudio.user;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.aistudio.user.support.UsersDatabase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthAndDocsTest {

    @Test
    void liveAndReadyAreUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void readinessFollowsTheDatabaseDownAndBackUp() {
        try {
            asSuperuser("alter database " + UsersDatabase.NAME + " allow_connections false");
            asSuperuser("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + UsersDatabase.NAME + "'");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(
                    () -> given().get("/q/health/ready").then().statusCode(503).body("status", is("DOWN")));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            asSuperuser("alter database " + UsersDatabase.NAME + " allow_connections true");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> given().get("/q/health/ready").then().statusCode(200).body("status", is("UP")));
    }

    @Test
    void metricsOpenApiAndSwaggerUiAreServed() {
        given().get("/api/auth/me").then().statusCode(401);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("jvm_memory_used_bytes"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/auth/login"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    /** Through the maintenance database: the service's own database refuses connections during the test. */
    private static void asSuperuser(String sql) {
        try (var c = dev.aistudio.testing.EmbeddedPostgresResource.server().getPostgresDatabase().getConnection();
             var s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sessionIdsAreDocumentedAsUuids() {
        // DELETE /api/auth/sessions/{id}
        pathIdsAreDocumentedAsUuids(1);
    }

    @Test
    void theDocumentSaysWhatTheServiceAnswers() {
        Map<String, Object> doc = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().path("");
        // the statuses as sent: each was documented as 200
        assertEquals(Set.of("201", "400", "default"), responses(doc, "/api/auth/register", "post").keySet());
        assertEquals(Set.of("204", "default"), responses(doc, "/api/auth/logout", "post").keySet());
        assertEquals(Set.of("204", "400", "default"), responses(doc, "/api/auth/password", "put").keySet());
        assertEquals(Set.of("204", "default"), responses(doc, "/api/auth/sessions/{id}", "delete").keySet());
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
                    for (Map<String, Object> requirement : (List<Map<String, Object>>) operation.getOrDefault("security",
                            List.of())) {
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
