package dev.aistudio.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.aistudio.gateway.support.Backends;
import dev.aistudio.gateway.support.Browser;
import dev.aistudio.gateway.support.RawHttp;
import dev.aistudio.gateway.support.StubService;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class StreamingTest {

    @Test
    void theFirstEventArrivesBeforeTheUpstreamFinishes() {
        String id = "held-" + UUID.randomUUID();
        try (RawHttp http = RawHttp.send("POST", "/api/chat/conversations/held/messages",
                "Authorization: Bearer t\r\nAccept: text/event-stream\r\nX-Request-Id: " + id + "\r\n", "{\"content\":\"hi\"}")) {
            // the stub holds the rest of the reply until released: a buffering gateway would never show this event
            String first = http.readUntil("event: message");
            assertTrue(first.contains("event: message"), first);
            assertFalse(first.contains("event: done"));
            Backends.chat().release(id);
            assertTrue(http.readUntil("event: done").contains("event: done"));
        }
    }

    @Test
    void aClientGoingAwayClosesTheUpstreamRequest() throws Exception {
        String id = "endless-" + UUID.randomUUID();
        try (RawHttp http = RawHttp.send("GET", "/api/chat/conversations/endless/stream",
                "Authorization: Bearer t\r\nX-Request-Id: " + id + "\r\n", null)) {
            assertTrue(http.readUntil("event: message").contains("event: message"));
        }
        Backends.chat().closed(id).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aClientThatDoesNotReadHoldsBackTheUpstream() throws Exception {
        String id = "huge-" + UUID.randomUUID();
        try (RawHttp http = RawHttp.send("GET", "/api/images/huge/content",
                "Authorization: Bearer t\r\nX-Request-Id: " + id + "\r\n", null)) {
            assertEquals(200, http.status());
            // the test reads nothing more: the stub's writes must back up instead of filling the gateway's memory
            long written = Backends.images().backpressured(id).get(30, TimeUnit.SECONDS);
            assertTrue(written < 256L * 1024 * 1024, "pushback after " + written + " bytes");
        }
    }

    @Test
    void imageBytesArriveIntact() {
        byte[] body = new Browser().request().auth().oauth2("t").get("/api/images/i9/content")
                .then().statusCode(200).contentType("image/png").extract().asByteArray();
        assertEquals(StubService.CONTENT_BYTES, body.length);
        byte[] expected = new byte[StubService.CONTENT_BYTES];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) (i % 251);
        }
        assertArrayEquals(expected, body);
    }
}
