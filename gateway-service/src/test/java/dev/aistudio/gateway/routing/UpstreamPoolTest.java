package dev.aistudio.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.aistudio.gateway.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With every pooled connection to an upstream held by an open event stream, a further request waits for one; when
 * the route's time is up (1 s for /api/images in tests) it is answered 504, not left hanging without an answer until
 * the idle timeout (which was all that ended such a wait).
 */
@QuarkusTest
@TestProfile(UpstreamPoolTest.OneConnectionPerEventLoop.class)
class UpstreamPoolTest {

    public static class OneConnectionPerEventLoop implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // an idle timeout far above the route's total time: only the total timeout can answer a waiting request
            return Map.of("studio.routes.max-connections", "1", "studio.routes.images.idle-timeout", "60S");
        }
    }

    @Test
    void aRequestWaitingForABusyPoolIsAnsweredWhenTheRouteTimesOut() {
        List<RawHttp> streams = new ArrayList<>();
        try {
            // more streams than event loops: on some loop a second one must wait for that loop's only connection
            int opened = 3 * Runtime.getRuntime().availableProcessors() + 4;
            for (int i = 0; i < opened; i++) {
                streams.add(RawHttp.send("GET", "/api/images/events", "Authorization: Bearer t\r\n", null));
            }
            int streaming = 0;
            int timedOut = 0;
            for (RawHttp stream : streams) {
                String head = stream.readUntil("\r\n\r\n"); // each gets an answer: nobody waits for ever
                int status = Integer.parseInt(head.split(" ")[1]);
                if (status == 200) {
                    streaming++;
                } else {
                    assertEquals(504, status, head);
                    assertTrue(head.contains("application/problem+json"), head);
                    assertTrue(stream.readUntil("upstream_timeout").contains("upstream_timeout"));
                    timedOut++;
                }
            }
            assertTrue(streaming >= 1, "no stream got a connection");
            assertTrue(timedOut >= 1, "no request had to wait: the pool was not exhausted");
        } finally {
            streams.forEach(RawHttp::close);
        }
    }
}
