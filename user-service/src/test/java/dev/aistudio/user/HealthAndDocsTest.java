package dev.aistudio.user;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static dev.aistudio.testing.OpenApiChecks.statuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.aistudio.testing.OpenApiChecks;
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
        OpenApiChecks.pathIdsAreUuids(document(), 1);
    }

    @Test
    void theDocumentSaysWhatTheServiceAnswers() {
        Map<String, Object> doc = document();
        // the statuses as sent: each was documented as 200
        assertEquals(Set.of("201", "400", "default"), statuses(doc, "/api/auth/register", "post"));
        assertEquals(Set.of("204", "default"), statuses(doc, "/api/auth/logout", "post"));
        assertEquals(Set.of("204", "400", "default"), statuses(doc, "/api/auth/password", "put"));
        assertEquals(Set.of("204", "default"), statuses(doc, "/api/auth/sessions/{id}", "delete"));
        // register, login and token need no token; the rest name "jwt", which must be the scheme's name
        OpenApiChecks.securityNamesKnownSchemes(doc, false);
        OpenApiChecks.errorsAreProblems(doc);
    }

    private static Map<String, Object> document() {
        return given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().path("");
    }
}
