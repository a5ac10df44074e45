package dev.aistudio.gateway.limit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.aistudio.gateway.support.Backends;
import dev.aistudio.gateway.support.Browser;
import dev.aistudio.gateway.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;

/** Rate limits, body sizes and timeouts, at the small values of the test profile (application.properties). */
@QuarkusTest
class LimitsTest {

    private static final int ADDRESS_CAPACITY = 40;
    private static final int SESSION_CAPACITY = 25;

    @Test
    void anAddressOverItsBucketGets429WithRetryAfter() {
        Browser browser = new Browser();
        for (int i = 0; i < ADDRESS_CAPACITY; i++) {
            browser.request().get("/api/chat/models").then().statusCode(200);
        }
        String retryAfter = browser.request().get("/api/chat/models").then().statusCode(429)
                .contentType("application/problem+json").body("code", is("rate_limited"))
                .header("RateLimit", "\"address\";r=0;t=3600")
                .extract().header("Retry-After");
        assertTrue(Long.parseLong(retryAfter) > 0, retryAfter);
        assertFalse(Backends.chat().seen(browser.lastRequestId()).isPresent());
        new Browser().request().get("/api/chat/models").then().statusCode(200); // another address is unaffected
    }

    @Test
    void everyAnswerSaysWhereTheCallerStands() {
        Browser browser = new Browser();
        browser.request().get("/api/chat/models").then().statusCode(200)
                .header("RateLimit-Policy", "\"address\";q=40;w=3600")
                .header("RateLimit", "\"address\";r=39;t=90"); // one token back every 3600 / 40 s
        String token = "standing-" + UUID.randomUUID();
        browser.request().auth().oauth2(token).get("/api/images/models").then().statusCode(200)
                .header("RateLimit-Policy", "\"address\";q=40;w=3600, \"session\";q=25;w=3600")
                .header("RateLimit", "\"address\";r=38;t=180, \"session\";r=24;t=144");
    }

    @Test
    void aSessionOverItsBucketGets429FromAnyAddress() {
        String token = "limit-" + UUID.randomUUID();
        for (int i = 0; i < SESSION_CAPACITY; i++) {
            new Browser().request().auth().oauth2(token).get("/api/images/models").then().statusCode(200);
        }
        new Browser().request().auth().oauth2(token).get("/api/images/models").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue()).body("code", is("rate_limited"));
    }

    @Test
    void aDeclaredOversizedBodyIs413BeforeAnythingElse() {
        Browser browser = new Browser();
        String big = "{\"username\":\"" + "x".repeat(20_000) + "\"}";
        browser.request().body(big).post("/api/auth/login").then().statusCode(413)
                .contentType("application/problem+json").body("code", is("payload_too_large"));
    }

    @Test
    void eachRouteHasItsOwnBodyLimit() {
        // 200 KiB: under chat's 256 KiB, over images' 64 KiB
        String body = "{\"content\":\"" + "x".repeat(200 * 1024) + "\"}";
        new Browser().request().auth().oauth2("t").body(body).post("/api/chat/conversations/c1/messages")
                .then().statusCode(200);
        new Browser().request().auth().oauth2("t").body(body).post("/api/images").then().statusCode(413);
    }

    @Test
    void aChunkedOversizedBodyIs413() {
        try (RawHttp http = RawHttp.sendChunked("POST", "/api/images", "Authorization: Bearer chunky\r\n", 200 * 1024)) {
            assertEquals(413, http.status());
        }
    }

    @Test
    void aChunkedBodyUnderTheLimitPasses() {
        String id = "chunked-" + UUID.randomUUID();
        try (RawHttp http = RawHttp.sendChunked("POST", "/api/images",
                "Authorization: Bearer chunky\r\nX-Request-Id: " + id + "\r\n", 16 * 1024)) {
            assertEquals(200, http.status());
        }
        assertEquals(16 * 1024, Backends.images().seen(id).orElseThrow().body().length());
    }

    @Test
    void aSlowUpstreamAnswers504AtTheRouteTimeout() {
        new Browser().request().auth().oauth2("t").get("/api/images/slow").then().statusCode(504)
                .contentType("application/problem+json").body("code", is("upstream_timeout"));
    }

    @Test
    void aStreamOutlivesTheTotalTimeout() {
        // six events 300 ms apart: longer than the route's 1 s total timeout, never idle for its 2 s
        String body = new Browser().request().auth().oauth2("t").get("/api/images/events?ticks=6")
                .then().statusCode(200).extract().asString();
        assertTrue(body.contains("\"tick\":\"last\""), body);
    }

    @Test
    void aSilentStreamIsCutAtTheIdleTimeout() {
        try (RawHttp http = RawHttp.send("GET", "/api/images/events", "Authorization: Bearer t\r\n", null)) {
            assertTrue(http.readUntil("\"tick\":0").contains("text/event-stream"));
            // returns at the end of the stream: the gateway closed it (a read timeout would throw instead)
            assertFalse(http.readUntil("never-sent").contains("never-sent"));
        }
    }

    @Test
    void aLongUriIs414ProblemAndReachesNoService() {
        String id = "long-uri-" + UUID.randomUUID();
        try (RawHttp http = RawHttp.send("GET", "/api/chat/models?q=" + "a".repeat(5000), "X-Request-Id: " + id + "\r\n",
                null)) {
            String answer = http.readUntil("}");
            assertTrue(answer.startsWith("HTTP/1.1 414 "), answer);
            assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
            assertTrue(answer.contains("\"code\":\"uri_too_long\""), answer);
            assertTrue(answer.contains("X-Request-Id: " + id) || answer.contains("x-request-id: " + id), answer);
        }
        assertFalse(Backends.chat().seen(id).isPresent());
    }

    @Test
    void aUriUnderTheLimitReachesTheService() {
        Browser browser = new Browser();
        String query = "q=" + "a".repeat(3900);
        browser.request().auth().oauth2("t").get("/api/chat/models?" + query).then().statusCode(200);
        assertEquals(query, Backends.chat().seen(browser.lastRequestId()).orElseThrow().query());
    }

    @Test
    void largeHeadersAre431ProblemAndReachNoService() {
        Browser browser = new Browser();
        browser.request().auth().oauth2("t").header("X-Big", "b".repeat(17_000)).get("/api/chat/models")
                .then().statusCode(431)
                .contentType("application/problem+json").body("code", is("headers_too_large"))
                .header("X-Request-Id", browser.lastRequestId());
        assertFalse(Backends.chat().seen(browser.lastRequestId()).isPresent());
        // under the limit (and the stub's own 8 KiB): passed on whole
        browser.request().auth().oauth2("t").header("X-Big", "b".repeat(6000)).get("/api/chat/models")
                .then().statusCode(200);
        assertEquals(6000, Backends.chat().seen(browser.lastRequestId()).orElseThrow().headers().get("X-Big").length());
    }

    @Test
    void anAbusiveHeadIsStillRefusedByTheCodec() {
        // above Vert.x' own ceiling (16 KiB) the codec answers before any filter, without a body
        try (RawHttp http = RawHttp.send("GET", "/api/chat/models?q=" + "a".repeat(70_000), "", null)) {
            assertEquals(414, http.status());
        }
    }

    @Test
    void gatewayEndpointsAreNotRateLimited() {
        for (int i = 0; i < ADDRESS_CAPACITY + 5; i++) {
            given().header("X-Forwarded-For", "10.200.200.200").get("/q/health/live").then().statusCode(200);
        }
    }
}
