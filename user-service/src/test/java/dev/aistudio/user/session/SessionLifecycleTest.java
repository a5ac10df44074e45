package dev.aistudio.user.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aistudio.user.support.Api;
import dev.aistudio.user.support.UsersDatabase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SessionLifecycleTest {

    private final Api api = new Api();

    @Test
    void exchangeSwapsALiveSessionForAToken() {
        String username = api.newAccount("exch");
        String cookie = api.sessionCookie(username);
        String token = api.exchange(cookie).then()
                .statusCode(200)
                .body("token_type", is("Bearer"))
                .body("expires_in", is(300))
                .body("user.username", is(username))
                .body("sessionId", notNullValue())
                .extract().path("access_token");
        api.me(token).then().statusCode(200).body("username", is(username));
    }

    @Test
    void onlyAHashOfTheSessionIdIsStored() {
        String username = api.newAccount("hashed");
        String cookie = api.sessionCookie(username);
        var hits = UsersDatabase.strings("select count(*) from sessions where encode(token_hash, 'escape') like ?",
                "%" + cookie + "%");
        org.junit.jupiter.api.Assertions.assertEquals("0", hits.get(0));
        var digest = UsersDatabase.strings("select count(*) from sessions where token_hash = sha256(convert_to(?, 'UTF8'))",
                cookie);
        org.junit.jupiter.api.Assertions.assertEquals("1", digest.get(0));
    }

    @Test
    void unknownOrMalformedSessionIdsAre401() {
        api.exchange("no-such-session").then()
                .statusCode(401).contentType("application/problem+json").body("code", is("session_ended"));
        api.post("/internal/sessions/exchange", Map.of()).then()
                .statusCode(400).body("code", is("validation_failed"));
    }

    @Test
    void logoutRevokesTheSessionAndItsTokensSession() {
        String username = api.newAccount("logout");
        String cookie = api.sessionCookie(username);
        String token = api.exchange(cookie).then().statusCode(200).extract().path("access_token");

        given().auth().oauth2(token).contentType("application/json").post("/api/auth/logout").then()
                .statusCode(204)
                .header("Set-Cookie", containsString("studio_session=;"))
                .header("Set-Cookie", containsString("Max-Age=0"));

        api.exchange(cookie).then().statusCode(401).body("code", is("session_ended"));
        // The token itself is still within its minutes of life, but this service checks the session behind it.
        api.me(token).then().statusCode(401).body("code", is("session_ended"));
    }

    @Test
    void logoutByCookieAloneRevokes() {
        String username = api.newAccount("cookieout");
        String cookie = api.sessionCookie(username);
        given().cookie("studio_session", cookie).post("/api/auth/logout").then().statusCode(204);
        api.exchange(cookie).then().statusCode(401);
    }

    @Test
    void logoutEverywhereEndsEverySessionOfTheAccountOnly() {
        String username = api.newAccount("everywhere");
        String other = api.newAccount("bystander");
        String first = api.sessionCookie(username);
        String second = api.sessionCookie(username);
        String bystander = api.sessionCookie(other);
        String token = api.exchange(first).then().statusCode(200).extract().path("access_token");

        given().auth().oauth2(token).contentType("application/json").body(Map.of("everywhere", true))
                .post("/api/auth/logout").then().statusCode(204);

        api.exchange(first).then().statusCode(401);
        api.exchange(second).then().statusCode(401);
        api.exchange(bystander).then().statusCode(200);
    }

    @Test
    void aLogoutBodyOfTheWrongKindIsRefusedNamingTheFieldAndSignsNothingOut() {
        String username = api.newAccount("badout");
        String cookie = api.sessionCookie(username);
        String token = api.exchange(cookie).then().statusCode(200).extract().path("access_token");

        given().auth().oauth2(token).contentType("application/json").body("{\"everywhere\": \"yes please\"}")
                .post("/api/auth/logout").then().statusCode(400).contentType("application/problem+json")
                .body("code", is("invalid_json"))
                .body("detail", is("everywhere must be true or false"));

        api.exchange(cookie).then().statusCode(200);
    }

    @Test
    void idleSessionsExpire() {
        String username = api.newAccount("idle");
        String cookie = api.sessionCookie(username);
        UsersDatabase.execute("update sessions set idle_expires_at = now() - interval '1 second' "
                + "where token_hash = sha256(convert_to(?, 'UTF8'))", cookie);
        api.exchange(cookie).then().statusCode(401).body("code", is("session_ended"));
    }

    @Test
    void sessionsExpireAbsolutelyEvenWhenUsed() {
        String username = api.newAccount("absolute");
        String cookie = api.sessionCookie(username);
        UsersDatabase.execute("update sessions set absolute_expires_at = now() - interval '1 second' "
                + "where token_hash = sha256(convert_to(?, 'UTF8'))", cookie);
        api.exchange(cookie).then().statusCode(401);
    }

    @Test
    void exchangeExtendsTheIdleExpiryButNeverPastTheAbsoluteOne() {
        String username = api.newAccount("touch");
        String cookie = api.sessionCookie(username);
        String where = " where token_hash = sha256(convert_to(?, 'UTF8'))";
        UsersDatabase.execute("update sessions set last_seen_at = now() - interval '1 hour', "
                + "idle_expires_at = now() + interval '1 minute', absolute_expires_at = now() + interval '2 hours'" + where, cookie);
        api.exchange(cookie).then().statusCode(200);
        Instant idle = Instant.parse(UsersDatabase.strings(
                "select to_char(idle_expires_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from sessions" + where, cookie).get(0));
        Instant absolute = Instant.parse(UsersDatabase.strings(
                "select to_char(absolute_expires_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from sessions" + where, cookie).get(0));
        org.junit.jupiter.api.Assertions.assertTrue(idle.isAfter(Instant.now().plusSeconds(3600)), "idle expiry extended");
        org.junit.jupiter.api.Assertions.assertFalse(idle.isAfter(absolute), "never past the absolute expiry");
    }

    @Test
    void sessionsAreListedForTheirOwnerAndOthersCannotEndThem() {
        String username = api.newAccount("list");
        String mallory = api.newAccount("mallory");
        String cookie = api.sessionCookie(username);
        String token = api.exchange(cookie).then().statusCode(200).extract().path("access_token");
        String sessionId = api.exchange(cookie).then().extract().path("sessionId");

        given().auth().oauth2(token).get("/api/auth/sessions").then()
                .statusCode(200).body("findAll { it.current }", hasSize(1)).body("find { it.current }.id", is(sessionId));

        String malloryToken = api.token(mallory);
        given().auth().oauth2(malloryToken).delete("/api/auth/sessions/" + sessionId).then()
                .statusCode(404).contentType("application/problem+json");
        api.exchange(cookie).then().statusCode(200);

        given().auth().oauth2(token).delete("/api/auth/sessions/" + sessionId).then().statusCode(204);
        api.exchange(cookie).then().statusCode(401);
        given().auth().oauth2(token).delete("/api/auth/sessions/not-a-uuid").then().statusCode(404);
    }

    @Test
    void purgeDeletesEndedSessionsOnly() throws Throwable {
        String username = api.newAccount("purge");
        String ended = api.sessionCookie(username);
        String live = api.sessionCookie(username);
        UsersDatabase.execute("update sessions set revoked_at = now() - interval '3 days' "
                + "where token_hash = sha256(convert_to(?, 'UTF8'))", ended);
        SessionService sessions = io.quarkus.arc.Arc.container().instance(SessionService.class).get();
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(
                () -> sessions.purgeEndedBefore(Instant.now().minusSeconds(86_400)));
        org.junit.jupiter.api.Assertions.assertEquals("0", UsersDatabase.strings(
                "select count(*) from sessions where token_hash = sha256(convert_to(?, 'UTF8'))", ended).get(0));
        api.exchange(live).then().statusCode(200);
    }
}
