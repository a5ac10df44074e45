package dev.aistudio.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import dev.aistudio.gateway.support.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class SecurityHeadersTest {

    @Test
    void proxiedAnswersCarryTheSecurityHeaders() {
        expectSecurityHeaders(new Browser().request().auth().oauth2("t").get("/api/chat/models").then().statusCode(200));
    }

    @Test
    void theGatewaysOwnAnswersCarryThemToo() {
        expectSecurityHeaders(new Browser().request().get("/api/nothing").then().statusCode(404));
        expectSecurityHeaders(given().get("/").then().statusCode(200));
    }

    @Test
    void noHstsInLocalMode() {
        given().get("/").then().header("Strict-Transport-Security", nullValue());
    }

    @Test
    void corsAnswersOnlyConfiguredOrigins() {
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-csrf-token")
                .options("/api/chat/conversations")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", is("http://localhost:5173"))
                .header("Access-Control-Allow-Credentials", is("true"));
        given().header("Origin", "http://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/chat/conversations")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void corsClientsMayReadTheRequestIdAndTheRateLimits() {
        new Browser().request().header("Origin", "http://localhost:5173").get("/api/chat/models")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", is("http://localhost:5173"))
                .header("Access-Control-Expose-Headers", allOf(containsString("X-Request-Id"),
                        containsString("Retry-After"), containsString("RateLimit,"), containsString("RateLimit-Policy")))
                .header("RateLimit", containsString("\"address\";r="));
    }

    private static void expectSecurityHeaders(ValidatableResponse response) {
        response.header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("img-src 'self' blob: data:"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Content-Type-Options", is("nosniff"))
                .header("Referrer-Policy", is("strict-origin-when-cross-origin"))
                .header("X-Frame-Options", is("DENY"));
    }
}
