package dev.aistudio.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.aistudio.gateway.support.Backends;
import dev.aistudio.gateway.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The gateway's pooled connections to a service, and what a browser sees when one of them goes wrong. A service
 * closes a keep-alive connection it finds idle for too long; should the gateway send a request on it at that moment,
 * the request fails and a POST cannot be sent again. So the gateway drops idle pooled connections first (the
 * keep-alive timeout, 1 s here, 20 s by default, under Quarkus' 30 minutes). When a service hangs up on a request,
 * or its answer stalls after the head until the route's time is up, the browser gets a problem answer on a connection
 * that stays open, never a connection closed without an answer ("Failed to fetch").
 */
@QuarkusTest
@TestProfile(UpstreamConnectionsTest.ShortKeepAlive.class)
class UpstreamConnectionsTest {

    public static class ShortKeepAlive implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("studio.routes.keep-alive-timeout", "1S");
        }
    }

    @Test
    void anIdlePooledConnectionIsDroppedAfterTheKeepAliveTimeoutNotReused() throws Exception {
        // one browser connection: one gateway event loop, so one pool of connections to chat-service (idle timeout 120 s)
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int first = gatewayPortOf(send(browser));
        assertEquals(first, gatewayPortOf(send(browser)), "back to back, the pooled connection is reused");
        Thread.sleep(2_500); // longer than the keep-alive timeout (plus the pool's 1 s cleaning period)
        assertNotEquals(first, gatewayPortOf(send(browser)),
                "a connection idle for longer than the keep-alive timeout was reused");
    }

    @Test
    void aPostTheServiceHangsUpOnIsAnsweredWithAProblemAndTheConnectionStaysOpen() {
        try (RawHttp http = RawHttp.send("POST", "/api/images/hangup", "Authorization: Bearer t\r\n",
                "{\"model\":\"offline-pattern\",\"prompt\":\"a lighthouse\"}")) {
            String answer = http.readUntil("\"upstream_unavailable\"}");
            assertTrue(answer.startsWith("HTTP/1.1 503 "), answer);
            assertTrue(answer.contains("application/problem+json"), answer);
            assertTrue(!answer.toLowerCase().contains("connection: close"), answer);
            // the browser's connection is still good for the next request
            assertEquals(200, http.again("GET", "/api/images/models", "Authorization: Bearer t\r\n").status());
        }
    }

    @Test
    void anAnswerWhoseBodyDoesNotComeInTimeIsA504NotAConnectionClosedWithoutAnswer() {
        // /api/images has 1 s in tests; the service sends its head at once, then nothing
        try (RawHttp http = RawHttp.send("POST", "/api/images/head-then-stall", "Authorization: Bearer t\r\n",
                "{\"model\":\"offline-pattern\",\"prompt\":\"a lighthouse\"}")) {
            String answer = http.readUntil("\"upstream_timeout\"}");
            assertTrue(answer.startsWith("HTTP/1.1 504 "), "no answer before the connection closed: '" + answer + "'");
            assertTrue(answer.contains("application/problem+json"), answer);
            assertTrue(!answer.contains("/api/images/stalled"), "the service's head leaked onto the problem: " + answer);
            assertTrue(answer.contains("X-Request-Id"), answer);
            assertEquals(200, http.again("GET", "/api/images/models", "Authorization: Bearer t\r\n").status());
        }
    }

    private static String send(HttpClient browser) throws Exception {
        String requestId = UUID.randomUUID().toString();
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/api/chat/models?keep-alive"))
                .header("Authorization", "Bearer t").header("X-Request-Id", requestId).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return requestId;
    }

    private static int gatewayPortOf(String requestId) {
        return Backends.chat().seen(requestId).orElseThrow().gatewayPort();
    }
}
