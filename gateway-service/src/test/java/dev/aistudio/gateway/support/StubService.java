package dev.aistudio.gateway.support;

import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * A stand-in for chat-service or image-service speaking plain HTTP and SSE. It records what reached it (by request
 * id, so tests never see each other's traffic) and has a few scripted paths for streaming, slowness and bytes.
 */
public final class StubService {

    /** One request as the service received it, and the gateway's port of the connection it came on. */
    public record Seen(String method, String path, String query, MultiMap headers, String body, int gatewayPort) {
    }

    public static final int CONTENT_BYTES = 1 << 20;

    private final String name;
    private final Vertx vertx;
    private final Deque<Seen> seen = new ConcurrentLinkedDeque<>();
    private final Map<String, CompletableFuture<Void>> releases = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> closes = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Long>> pushback = new ConcurrentHashMap<>();
    private volatile HttpServer server;
    private int port;

    StubService(String name, Vertx vertx) {
        this.name = name;
        this.vertx = vertx;
    }

    public synchronized StubService start() {
        if (server == null) {
            HttpServer created = vertx.createHttpServer().requestHandler(this::handle);
            server = await(created.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture());
            port = server.actualPort();
        }
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            await(server.close().toCompletionStage().toCompletableFuture());
            server = null;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** What reached this service with the given X-Request-Id, if anything did. */
    public Optional<Seen> seen(String requestId) {
        return seen.stream().filter(s -> requestId.equals(s.headers().get("X-Request-Id"))).findFirst();
    }

    public boolean sawPath(String path) {
        return seen.stream().anyMatch(s -> s.path().equals(path));
    }

    /** Lets the held stream of that request finish. */
    public void release(String requestId) {
        releases.computeIfAbsent(requestId, id -> new CompletableFuture<>()).complete(null);
    }

    /** Completes when the connection of that request's endless stream closes. */
    public CompletableFuture<Void> closed(String requestId) {
        return closes.computeIfAbsent(requestId, id -> new CompletableFuture<>());
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            seen.add(new Seen(request.method().name(), request.path(), request.query(),
                    MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body.toString(),
                    request.remoteAddress().port()));
            respond(request);
        });
    }

    private void respond(HttpServerRequest request) {
        String path = request.path();
        String requestId = request.getHeader("X-Request-Id");
        HttpServerResponse response = request.response();
        if (path.equals("/q/health/ready")) {
            json(response, new JsonObject().put("status", "UP"));
        } else if (path.endsWith("/held/messages")) {
            heldStream(response, requestId);
        } else if (path.endsWith("/endless/stream")) {
            startEvents(response).write(event("message", "{\"n\":1}"));
            request.connection().closeHandler(v -> closed(requestId).complete(null));
        } else if (path.endsWith("/head-then-stall")) {
            // the head of an answer, then nothing more: the route's time runs out before the body arrives
            response.putHeader("Content-Type", "application/json").putHeader("Content-Length", "100")
                    .putHeader("Location", "/api/images/stalled").write(Buffer.buffer());
        } else if (path.endsWith("/hangup")) {
            // what a keep-alive connection the service closes just as a request arrives looks like: no answer at all
            request.connection().close();
        } else if (path.equals("/api/images/slow")) {
            vertx.setTimer(3000, id -> json(response, new JsonObject().put("slow", true)));
        } else if (path.equals("/api/images/events")) {
            tickingStream(response, Integer.parseInt(request.getParam("ticks", "0")));
        } else if (path.endsWith("/huge/content")) {
            untilBackpressure(response, requestId);
        } else if (path.endsWith("/stale-headers")) {
            // headers a service should not decide: an old Date, and CORS that would open it to every site
            response.putHeader("Date", "Tue, 01 Jan 2019 00:00:00 GMT").putHeader("Access-Control-Allow-Origin", "*");
            json(response, new JsonObject().put("service", name));
        } else if (path.endsWith("/content")) {
            bytes(response);
        } else {
            json(response, new JsonObject().put("service", name).put("method", request.method().name()).put("path", path));
        }
    }

    /** The first event at once, the rest only when the test says so: proves the gateway does not wait for the end. */
    private void heldStream(HttpServerResponse response, String requestId) {
        startEvents(response).write(event("message", "{\"conversationId\":\"held\"}"));
        releases.computeIfAbsent(requestId, id -> new CompletableFuture<>()).thenRun(() -> vertx.runOnContext(v -> {
            response.write(event("delta", "{\"text\":\"hello\"}"));
            response.end(event("done", "{\"message\":{\"status\":\"complete\"}}"));
        }));
    }

    /** {@code ticks} events 300 ms apart; with none, one event and then silence. */
    private void tickingStream(HttpServerResponse response, int ticks) {
        startEvents(response).write(event("status", "{\"tick\":0}"));
        if (ticks == 0) {
            return;
        }
        int[] sent = { 0 };
        vertx.setPeriodic(300, timer -> {
            sent[0]++;
            if (sent[0] < ticks) {
                response.write(event("status", "{\"tick\":" + sent[0] + "}"));
            } else {
                vertx.cancelTimer(timer);
                response.end(event("status", "{\"tick\":\"last\"}"));
            }
        });
    }

    /**
     * Writes up to 512 MiB as fast as the connection takes it. Completes {@link #backpressured} when the write queue
     * fills, which happens only if the gateway stops reading while its client does not read.
     */
    private void untilBackpressure(HttpServerResponse response, String requestId) {
        response.setChunked(true).putHeader("Content-Type", "image/png");
        Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
        long[] written = { 0 };
        CompletableFuture<Long> result = backpressured(requestId);
        Runnable[] writeMore = new Runnable[1];
        writeMore[0] = () -> {
            while (!response.writeQueueFull() && written[0] < 512L * 1024 * 1024) {
                response.write(chunk.copy());
                written[0] += chunk.length();
            }
            if (response.writeQueueFull()) {
                result.complete(written[0]);
            } else {
                result.completeExceptionally(new AssertionError("all 512 MiB were taken without pushback"));
                response.end();
            }
        };
        writeMore[0].run();
    }

    /** Completes with the bytes written when that request's huge download met backpressure. */
    public CompletableFuture<Long> backpressured(String requestId) {
        return pushback.computeIfAbsent(requestId, id -> new CompletableFuture<>());
    }

    private static void bytes(HttpServerResponse response) {
        response.setChunked(true).putHeader("Content-Type", "image/png");
        byte[] chunk = new byte[64 * 1024];
        for (int offset = 0; offset < CONTENT_BYTES; offset += chunk.length) {
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (byte) ((offset + i) % 251);
            }
            response.write(Buffer.buffer(chunk.clone()));
        }
        response.end();
    }

    private static HttpServerResponse startEvents(HttpServerResponse response) {
        return response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
    }

    private static String event(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    private static void json(HttpServerResponse response, JsonObject body) {
        response.putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("stub service did not start or stop", e);
        }
    }
}
