package dev.aistudio.gateway.csrf;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aistudio.gateway.support.Backends;
import dev.aistudio.gateway.support.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class CsrfTest {

    private static final String OTHER_TOKEN = "A".repeat(43);

    @Test
    void anyAnswerHandsOutTheCookieToACallerWithoutOne() {
        Response me = given().header("X-Forwarded-For", "10.9.9.9").get("/api/auth/me");
        String cookie = me.getHeaders().getValues("Set-Cookie").stream()
                .filter(v -> v.startsWith("studio_csrf=")).findFirst().orElseThrow();
        assertFalse(cookie.contains("HttpOnly"), "the page's script must read it: " + cookie);
        assertTrue(cookie.contains("Path=/") && cookie.contains("SameSite=Lax"), cookie);
        assertTrue(given().get("/").getHeaders().getValues("Set-Cookie").stream().anyMatch(v -> v.startsWith("studio_csrf=")),
                "a page load hands it out too");

        Browser browser = new Browser().open();
        assertFalse(browser.request().get("/api/auth/me").getHeaders().getValues("Set-Cookie").stream()
                .anyMatch(v -> v.startsWith("studio_csrf=")), "kept while the browser has one");
    }

    @Test
    void anUnsafeCookieRequestWithoutTheTokenIsRefused() {
        Browser browser = new Browser();
        browser.signUp("nocsrf");
        browser.request().header("Origin", Browser.ownOrigin()).body("{}").post("/api/chat/conversations")
                .then().statusCode(403).contentType("application/problem+json").body("code", is("csrf_failed"));
        assertFalse(Backends.chat().seen(browser.lastRequestId()).isPresent());
    }

    @Test
    void aTokenThatDoesNotMatchTheCookieIsRefused() {
        Browser browser = new Browser();
        browser.signUp("mismatch");
        browser.request().header("X-CSRF-Token", OTHER_TOKEN).header("Origin", Browser.ownOrigin())
                .delete("/api/chat/conversations/c1").then().statusCode(403).body("code", is("csrf_failed"));
    }

    @Test
    void aForeignOrMissingOriginIsRefused() {
        Browser browser = new Browser();
        browser.signUp("origin");
        browser.request().header("X-CSRF-Token", browser.csrf()).header("Origin", "http://evil.example")
                .body("{}").patch("/api/chat/conversations/c1").then().statusCode(403)
                .contentType("application/problem+json").body("code", is("origin_not_allowed"));
        browser.request().header("X-CSRF-Token", browser.csrf())
                .body("{}").patch("/api/chat/conversations/c1").then().statusCode(403).body("code", is("csrf_failed"));
    }

    @Test
    void theMatchingTokenFromTheGatewaysOwnOriginIsAccepted() {
        Browser browser = new Browser();
        browser.signUp("accepted");
        browser.unsafe().body("{\"title\":\"t\"}").post("/api/chat/conversations").then().statusCode(200);
        assertTrue(Backends.chat().seen(browser.lastRequestId()).isPresent());
    }

    @Test
    void aConfiguredClientOriginIsAccepted() {
        Browser browser = new Browser();
        browser.signUp("devserver");
        browser.request().header("X-CSRF-Token", browser.csrf()).header("Origin", "http://localhost:5173")
                .body("{}").post("/api/images").then().statusCode(200);
    }

    @Test
    void signingInNeedsTheTokenToo() {
        Browser browser = new Browser().open();
        Map<String, String> credentials = Map.of("username", Browser.uniqueName("forged"), "password", Browser.PASSWORD);
        browser.request().header("Origin", Browser.ownOrigin()).body(credentials).post("/api/auth/register")
                .then().statusCode(403).body("code", is("csrf_failed"));
        browser.request().header("Origin", "http://evil.example").header("X-CSRF-Token", browser.csrf())
                .body(credentials).post("/api/auth/login").then().statusCode(403).body("code", is("origin_not_allowed"));
    }

    @Test
    void bearerRequestsSkipTheCheck() {
        Browser script = new Browser();
        script.request().auth().oauth2("script-token").body("{}").post("/api/chat/conversations").then().statusCode(200);
    }
}
