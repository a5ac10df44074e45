package dev.aistudio.gateway.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Outside local mode: HSTS, Secure cookies, and only /api (the web client is deployed on its own). */
@QuarkusTest
@TestProfile(ClusterModeTest.Cluster.class)
class ClusterModeTest {

    public static class Cluster implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("studio.local-mode", "false", "studio.session.cookie-secure", "true");
        }
    }

    @Test
    void hstsIsSent() {
        given().header("X-Forwarded-For", "10.77.0.1").auth().oauth2("t").get("/api/chat/models").then().statusCode(200)
                .header("Strict-Transport-Security", containsString("max-age=31536000"));
    }

    @Test
    void onlyTheApiIsServed() {
        given().get("/").then().statusCode(404).contentType("application/problem+json").body("code", is("not_found"));
        given().get("/assets/index-3f9a2c.js").then().statusCode(404);
    }

    @Test
    void theCsrfCookieIsSecure() {
        String cookie = given().get("/q/health/live").getHeaders().getValues("Set-Cookie").stream()
                .filter(v -> v.startsWith("studio_csrf=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("Secure"), cookie);
    }
}
