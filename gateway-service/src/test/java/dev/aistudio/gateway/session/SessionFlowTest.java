package dev.aistudio.gateway.session;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aistudio.gateway.support.Backends;
import dev.aistudio.gateway.support.Browser;
import dev.aistudio.gateway.support.StubService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The browser's session cookie against the real user-service, through the gateway. */
@QuarkusTest
class SessionFlowTest {

    @Test
    void loginThroughTheGatewaySetsTheSessionCookie() {
        String username = new Browser().signUp("login");
        Browser browser = new Browser().open();
        Response login = browser.login(username);
        login.then().statusCode(200).body("user.username", is(username)).body("session.id", notNullValue());
        String cookie = setCookie(login, "studio_session");
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
        assertTrue(cookie.contains("Path=/"), cookie);
        browser.request().get("/api/auth/me").then().statusCode(200).body("username", is(username));
    }

    @Test
    void theSessionCookieBecomesABearerTokenUpstream() {
        Browser browser = new Browser();
        browser.signUp("bearer");
        browser.request().get("/api/chat/models").then().statusCode(200);
        StubService.Seen seen = Backends.chat().seen(browser.lastRequestId()).orElseThrow();
        String authorization = seen.headers().get("Authorization");
        assertTrue(authorization.startsWith("Bearer "), authorization);
        assertEquals(3, authorization.substring(7).split("\\.").length, "a JWT");
        assertNull(seen.headers().get("Cookie"), "no cookie reaches a service");
    }

    @Test
    void bearerRequestsPassUnchanged() {
        String username = new Browser().signUp("script");
        String token = new Browser().token(username);
        new Browser().request().auth().oauth2(token).get("/api/auth/me").then().statusCode(200).body("username", is(username));
        Browser withStaleCookie = new Browser().withSession("stale-session-secret");
        withStaleCookie.request().auth().oauth2(token).body("{}").post("/api/chat/conversations").then().statusCode(200);
        StubService.Seen seen = Backends.chat().seen(withStaleCookie.lastRequestId()).orElseThrow();
        assertEquals("Bearer " + token, seen.headers().get("Authorization"));
        assertNull(seen.headers().get("Cookie"));
    }

    @Test
    void logoutEndsTheSessionAndItsCachedToken() {
        Browser browser = new Browser();
        browser.signUp("logout");
        browser.request().get("/api/chat/models").then().statusCode(200); // the token is cached now
        String ended = browser.session();
        Response logout = browser.unsafe().post("/api/auth/logout");
        logout.then().statusCode(204);
        assertTrue(setCookie(logout, "studio_session").contains("Max-Age=0"));

        Browser replay = new Browser().withSession(ended);
        replay.request().get("/api/chat/models").then().statusCode(401)
                .contentType("application/problem+json").body("code", is("session_ended"));
        assertFalse(Backends.chat().seen(replay.lastRequestId()).isPresent());
    }

    @Test
    void logoutEverywhereEndsTheOtherSessionsToo() {
        Browser laptop = new Browser();
        String username = laptop.signUp("everywhere");
        Browser phone = new Browser().open();
        phone.login(username).then().statusCode(200);
        phone.request().get("/api/chat/models").then().statusCode(200);
        laptop.unsafe().body(Map.of("everywhere", true)).post("/api/auth/logout").then().statusCode(204);
        phone.request().get("/api/chat/models").then().statusCode(401).body("code", is("session_ended"));
    }

    @Test
    void aSessionRevokedElsewhereIsDroppedAtItsFirstRefusal() {
        Browser browser = new Browser().open();
        String username = Browser.uniqueName("revoked");
        String sessionId = browser.register(username).then().statusCode(201).extract().path("session.id");
        browser.request().get("/api/chat/models").then().statusCode(200); // cached
        String token = new Browser().token(username);
        new Browser().request().auth().oauth2(token).delete("/api/auth/sessions/" + sessionId).then().statusCode(204);

        // user-service checks the session itself and refuses; the gateway then forgets the cached token
        browser.request().get("/api/auth/me").then().statusCode(401).body("code", is("session_ended"));
        Response next = browser.request().get("/api/chat/models");
        next.then().statusCode(401).body("code", is("session_ended"));
        assertTrue(setCookie(next, "studio_session").contains("Max-Age=0"), "the dead cookie is cleared");
    }

    @Test
    void anUnknownSessionCookieAnswersSessionEnded() {
        Browser browser = new Browser().withSession("no-such-session");
        Response response = browser.request().get("/api/images/models");
        response.then().statusCode(401).contentType("application/problem+json")
                .body("code", is("session_ended")).body("status", is(401)).body("title", notNullValue());
        assertTrue(setCookie(response, "studio_session").contains("Max-Age=0"));
        assertFalse(Backends.images().seen(browser.lastRequestId()).isPresent());
    }

    @Test
    void logoutOfAnEndedSessionStillSucceeds() {
        Browser browser = new Browser().open().withSession("long-gone-session");
        browser.unsafe().post("/api/auth/logout").then().statusCode(204);
    }

    static String setCookie(Response response, String name) {
        return response.getHeaders().getValues("Set-Cookie").stream()
                .filter(value -> value.startsWith(name + "="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie for " + name));
    }
}
