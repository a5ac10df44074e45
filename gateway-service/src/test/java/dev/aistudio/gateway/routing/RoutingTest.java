package dev.aistudio.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.aistudio.gateway.request.MalformedUris;
import dev.aistudio.gateway.support.Backends;
import dev.aistudio.gateway.support.Browser;
import dev.aistudio.gateway.support.RawHttp;
import dev.aistudio.gateway.support.StubService;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RoutingTest {

    /** Every chat path of the public API, as method and path. */
    private static final List<String[]> CHAT = List.of(
            new String[] { "GET", "/api/chat/models" },
            new String[] { "GET", "/api/chat/conversations" },
            new String[] { "POST", "/api/chat/conversations" },
            new String[] { "GET", "/api/chat/conversations/c1" },
            new String[] { "PATCH", "/api/chat/conversations/c1" },
            new String[] { "DELETE", "/api/chat/conversations/c1" },
            new String[] { "POST", "/api/chat/conversations/c1/messages" },
            new String[] { "GET", "/api/chat/conversations/c1/stream" },
            new String[] { "POST", "/api/chat/conversations/c1/stop" },
            new String[] { "POST", "/api/chat/messages/m1/regenerate" });

    private static final List<String[]> IMAGES = List.of(
            new String[] { "GET", "/api/images/models" },
            new String[] { "GET", "/api/images" },
            new String[] { "POST", "/api/images" },
            new String[] { "GET", "/api/images/i1" },
            new String[] { "DELETE", "/api/images/i1" },
            new String[] { "GET", "/api/images/i1/thumbnail" });

    @Test
    void everyChatPathReachesChatService() {
        everyPathReaches(CHAT, Backends.chat(), "chat-service");
    }

    @Test
    void everyImagePathReachesImageService() {
        everyPathReaches(IMAGES, Backends.images(), "image-service");
    }

    @Test
    void authPathsReachUserService() {
        Browser browser = new Browser();
        // user-service's own answer to an anonymous /me
        browser.request().get("/api/auth/me").then().statusCode(401).body("code", is("unauthorized"));
        String username = browser.signUp("route");
        browser.request().get("/api/auth/me").then().statusCode(200).body("username", is(username));
        // a script: no cookies, credentials in the body
        assertEquals(3, new Browser().token(username).split("\\.").length);
    }

    @Test
    void queryStringAndBodyPassThrough() {
        Browser browser = new Browser();
        browser.request().auth().oauth2("script-token").body("{\"title\":\"Moons\"}")
                .post("/api/chat/conversations?limit=5&cursor=abc").then().statusCode(200);
        StubService.Seen seen = Backends.chat().seen(browser.lastRequestId()).orElseThrow();
        assertEquals("limit=5&cursor=abc", seen.query());
        assertEquals("{\"title\":\"Moons\"}", seen.body());
    }

    @Test
    void requestIdIsKeptWhenSaneAndPassedOn() {
        Browser browser = new Browser();
        browser.request().auth().oauth2("t").get("/api/chat/models").then().statusCode(200)
                .header("X-Request-Id", equalTo(browser.lastRequestId()));
        assertTrue(Backends.chat().seen(browser.lastRequestId()).isPresent());
    }

    @Test
    void requestIdIsMadeWhenMissingOrMalformed() {
        String made = given().header("X-Request-Id", "bad id <script>").auth().oauth2("t")
                .get("/api/chat/models?probe=made").then().statusCode(200).extract().header("X-Request-Id");
        assertTrue(made.matches("[0-9a-f-]{36}"), made);
        StubService.Seen seen = Backends.chat().seen(made).orElseThrow();
        assertEquals("probe=made", seen.query());
    }

    @Test
    void clientAddressIsForwarded() {
        Browser browser = new Browser();
        browser.request().auth().oauth2("t").get("/api/images/models").then().statusCode(200);
        StubService.Seen seen = Backends.images().seen(browser.lastRequestId()).orElseThrow();
        assertEquals(browser.address(), seen.headers().get("X-Forwarded-For"));
    }

    @Test
    void theGatewayDatesAnswersAndDecidesCorsItself() {
        var response = given().auth().oauth2("t").get("/api/chat/stale-headers").then().statusCode(200).extract();
        assertEquals(1, response.headers().getValues("Date").size());
        Instant date = ZonedDateTime.parse(response.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertTrue(Duration.between(date, Instant.now()).abs().toMinutes() < 5, "Date " + date + " is not now");
        assertNull(response.header("Access-Control-Allow-Origin"));
    }

    @Test
    void internalAndOperationsPathsOfServicesAreNeverReachable() {
        Browser browser = new Browser();
        browser.request().body("{\"sessionId\":\"x\"}").post("/internal/sessions/exchange").then().statusCode(404)
                .contentType("application/problem+json").body("code", is("not_found"));
        // dot segments and encoded separators are refused before routing: resolved, they would lead to a service's
        // /internal, or past a proxy that sends only /api here to the gateway's own /q (its health and metrics)
        for (String target : List.of("POST /api/auth/%2e%2e/%2e%2e/internal/sessions/exchange",
                "POST /api/auth/..%2f..%2finternal/sessions/exchange", "POST /api/auth/../../internal/sessions/exchange",
                "GET /api/chat/..%2f..%2fq/health", "GET /api/images/%2E%2E/%2E%2E/q/metrics",
                "GET /api/chat/../../q/health", "GET /api/chat/%2e%2e/%2e%2e/q/metrics", "GET /api/chat/..%5c..%5cq/health",
                "GET /api/chat/./models", "GET /assets/../q/metrics", "GET /api/chat/models/..")) {
            String[] request = target.split(" ");
            try (RawHttp http = RawHttp.send(request[0], request[1], "", request[0].equals("POST") ? "{}" : null)) {
                String answer = http.readUntil("}");
                assertTrue(answer.startsWith("HTTP/1.1 400 "), target + " answered " + answer);
                assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
                assertTrue(answer.contains("\"code\":\"invalid_path\""), answer);
            }
        }
        assertFalse(Backends.chat().sawPath("/q/health"));
        assertFalse(Backends.images().sawPath("/q/metrics"));
    }

    @Test
    void dotsThatAreNotDotSegmentsPass() {
        assertFalse(MalformedUris.leavesItsPrefix("/api/chat/models"));
        assertFalse(MalformedUris.leavesItsPrefix("/.well-known/security.txt"));
        assertFalse(MalformedUris.leavesItsPrefix("/assets/index-3f2a.js"));
        assertFalse(MalformedUris.leavesItsPrefix("/api/chat/.../x..y/%20z%41"));
        assertTrue(MalformedUris.leavesItsPrefix("/api/chat/.."));
        assertTrue(MalformedUris.leavesItsPrefix("/api/chat/%2E"));
        assertTrue(MalformedUris.leavesItsPrefix("/api/chat\\models"));
    }

    @Test
    void aMalformedUriIsAProblemAndReachesNoService() {
        // a bad escape in the query, one in the path (refused by the router before any filter), a brace, a pipe
        for (String target : List.of("/api/chat/conversations?cursor=%%%", "/api/chat/conversations/%zz",
                "/api/chat/conversations?q={x}", "/api/chat/conversations/a|b")) {
            try (RawHttp http = RawHttp.send("GET", target, "", null)) {
                String answer = http.readUntil("}");
                assertTrue(answer.startsWith("HTTP/1.1 400 "), target + " answered " + answer);
                assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
                assertTrue(answer.contains("\"code\":\"invalid_uri\""), answer);
            }
        }
        assertFalse(Backends.chat().sawPath("/api/chat/conversations/a|b"));
        // the same check as before: a well-formed URI with escapes still goes through
        try (RawHttp http = RawHttp.send("GET", "/api/chat/conversations?q=caf%C3%A9%20au%20lait", "", null)) {
            assertEquals(200, http.status());
        }
    }

    @Test
    void unknownApiPathIsAProblem() {
        new Browser().request().get("/api/nothing/here").then().statusCode(404)
                .contentType("application/problem+json").body("code", is("not_found")).body("status", is(404));
    }

    private static void everyPathReaches(List<String[]> routes, StubService stub, String service) {
        for (String[] route : routes) {
            Browser browser = new Browser();
            browser.request().auth().oauth2("script-token").body("{}").request(route[0], route[1])
                    .then().statusCode(200).body("service", is(service)).body("path", is(route[1]));
            StubService.Seen seen = stub.seen(browser.lastRequestId()).orElseThrow();
            assertEquals(route[0], seen.method());
            assertEquals("Bearer script-token", seen.headers().get("Authorization"));
            assertNull(seen.headers().get("Cookie"));
        }
    }
}
