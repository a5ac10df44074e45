package dev.aistudio.user;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
