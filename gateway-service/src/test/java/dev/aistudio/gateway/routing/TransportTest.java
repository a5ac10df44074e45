package dev.aistudio.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.netty.util.concurrent.EventExecutor;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;

@QuarkusTest
class TransportTest {

    @Inject
    Vertx vertx;

    @Inject
    Upstreams upstreams;

    @Test
    @EnabledOnOs(OS.LINUX)
    void linuxUsesNettysEpollTransport() {
        assertTrue(vertx.isNativeTransportEnabled(), "epoll unavailable: " + vertx.unavailableNativeTransportCause());
    }

    @Test
    void eachEventLoopKeepsItsOwnUpstreamClient() throws Exception {
        UpstreamClients clients = upstreams.all().get(1).clients();
        List<HttpClient> perLoop = new ArrayList<>();
        for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
            HttpClient client = on(loop, clients);
            assertSame(client, on(loop, clients), "an event loop reuses its client");
            perLoop.add(client);
        }
        assertEquals(perLoop.size(), new HashSet<>(perLoop).size(), "no two event loops share a client");
        assertSame(clients.current(), clients.current(), "off the event loops one shared client serves");
        assertTrue(!perLoop.contains(clients.current()));
    }

    private static HttpClient on(EventExecutor loop, UpstreamClients clients) throws Exception {
        CompletableFuture<HttpClient> result = new CompletableFuture<>();
        loop.execute(() -> result.complete(clients.current()));
        return result.get(5, TimeUnit.SECONDS);
    }
}
