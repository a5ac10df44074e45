package dev.aistudio.chat.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.aistudio.chat.testing.TestIssuer;
import io.quarkus.test.junit.QuarkusTest;

/** The cache of verified bearer tokens, through real requests checked by quarkus-oidc against the test issuer. */
@QuarkusTest
class VerifiedTokensTest {

    @Inject
    VerifiedTokens tokens;

    @Test
    void aTokenSeenAgainIsTakenFromTheCacheAndStillNamesItsUser() {
        UUID user = UUID.randomUUID();
        String token = TestIssuer.token(user);
        String conversation = given().auth().oauth2(token).contentType("application/json").body("{\"title\":\"mine\"}")
                .post("/api/chat/conversations").then().statusCode(201).extract().path("id");
        long hits = tokens.stats().hitCount();

        // answered from the cache: the caller is still this user (their conversation, 404 for anyone else's)
        given().auth().oauth2(token).get("/api/chat/conversations/" + conversation).then().statusCode(200)
                .body("title", is("mine"));
        assertEquals(hits + 1, tokens.stats().hitCount());
        given().auth().oauth2(TestIssuer.token(UUID.randomUUID())).get("/api/chat/conversations/" + conversation)
                .then().statusCode(404);
    }

    @Test
    void anExpiredTokenIsRefusedAlthoughItWasCached() throws InterruptedException {
        // the issuer's keys already fetched, so that the short-lived token is checked well within its life
        given().auth().oauth2(TestIssuer.token(UUID.randomUUID())).get("/api/chat/conversations").then().statusCode(200);
        Instant expiresAt = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        String token = TestIssuer.token(UUID.randomUUID(), expiresAt);
        given().auth().oauth2(token).get("/api/chat/conversations").then().statusCode(200);
        long hits = tokens.stats().hitCount();
        given().auth().oauth2(token).get("/api/chat/conversations").then().statusCode(200);
        assertEquals(hits + 1, tokens.stats().hitCount(), "the token was cached");

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 100);
        given().auth().oauth2(token).get("/api/chat/conversations").then().statusCode(401)
                .contentType("application/problem+json").body("code", is("invalid_token"));
    }

    @Test
    void aTokenWithABadSignatureIsRefusedEveryTimeAndNeverCached() {
        UUID user = UUID.randomUUID();
        String good = TestIssuer.token(user);
        given().auth().oauth2(good).get("/api/chat/conversations").then().statusCode(200);
        long size = tokens.size();

        String forged = TestIssuer.forgedToken(user);
        // the cached token with its signature changed is another string, checked afresh
        String tampered = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
        for (int i = 0; i < 2; i++) {
            for (String bad : new String[] { forged, tampered }) {
                given().auth().oauth2(bad).get("/api/chat/conversations").then().statusCode(401)
                        .body("code", is("invalid_token"));
            }
        }
        assertEquals(size, tokens.size());
        given().auth().oauth2(good).get("/api/chat/conversations").then().statusCode(200);
        assertTrue(tokens.size() <= 1000);
    }
}
