package dev.aistudio.chat.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An OpenAI-compatible server on loopback, speaking the real wire format: {@code data:} lines split across TCP
 * writes, a usage chunk, {@code data: [DONE]}, error bodies. What it does depends on the requested model; it records
 * every request and whether the client closed a stream early. Both the HuggingFace and the OpenAI-compatible
 * provider point at it (told apart by their tokens).
 */
public class StubProvider implements QuarkusTestResourceLifecycleManager {

    public static final String HF_TOKEN = "hf-test-token";
    public static final String OPENAI_KEY = "openai-test-key";
    public static final List<String> ECHO = List.of("Hello", " from", " the", " stub", ".");
    public static final int SLOW_TICKS = 60;
    /** stub-long: this many ticks, 40 ms apart (10 s), for tests that act while a reply runs. */
    public static final int LONG_TICKS = 250;
    /** stub-pause: the first word, then this long silent, then the rest. */
    public static final long PAUSE_MS = 1500;

    /** A request as the stub saw it. */
    public record Seen(String model, String authorization, JsonObject body) {
    }

    private static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
    private static final Map<String, AtomicInteger> CLOSED_EARLY = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();
    private static final AtomicInteger MODELS_CALLS = new AtomicInteger();
    private static final AtomicReference<String> MODELS_AUTHORIZATION = new AtomicReference<>();

    /** How {@code /v1/models} answers: {@code ok}, {@code fail} (500) or {@code slow} (the list after 3 s). */
    public enum ModelsMode { ok, fail, slow }

    /** Set by a test, put back to {@code ok} after it. */
    public static final AtomicReference<ModelsMode> MODELS = new AtomicReference<>(ModelsMode.ok);

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(this::handle)
                .connectionHandler(connection -> CONNECTIONS.incrementAndGet());
        int port;
        try {
            port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("stub provider did not start", e);
        }
        String base = "http://127.0.0.1:" + port;
        return Map.ofEntries(Map.entry("studio.hf.base-url", base), Map.entry("studio.hf.token", HF_TOKEN),
                Map.entry("studio.openai.base-url", base), Map.entry("studio.openai.api-key", OPENAI_KEY),
                Map.entry("studio.upstream.first-token-timeout", "PT1S"),
                Map.entry("studio.upstream.retry-backoff", "PT0.02S"),
                Map.entry("studio.offline.word-interval", "PT0.002S"),
                Map.entry("studio.chat.lease-renew-every", "1s"),
                Map.entry("studio.chat.sse-keep-alive", "PT0.2S"));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    public static List<Seen> seen(String model) {
        return SEEN.stream().filter(s -> model.equals(s.model())).toList();
    }

    /** TCP connections accepted so far (chat-service's pool should reuse them). */
    public static int connections() {
        return CONNECTIONS.get();
    }

    /** How often {@code /v1/models} was asked, and with which Authorization header the last time. */
    public static int modelsCalls() {
        return MODELS_CALLS.get();
    }

    public static String modelsAuthorization() {
        return MODELS_AUTHORIZATION.get();
    }

    public static int closedEarly(String model) {
        return CLOSED_EARLY.getOrDefault(model, new AtomicInteger()).get();
    }

    private static void listModels(HttpServerResponse response) {
        JsonArray data = new JsonArray();
        for (String id : List.of("stub-echo", "stub-slow", "stub-401", "stub-429", "stub-500", "stub-flaky",
                "stub-hang", "stub-break", "stub-error-event", "stub-long", "stub-pause", "meta-llama/Llama-3.1-8B-Instruct")) {
            data.add(new JsonObject().put("id", id).put("object", "model").put("max_model_len", 4096));
        }
        // a key given twice, as some servers write: a server's JSON is read leniently, unlike a client's request body
        response.putHeader("Content-Type", "application/json")
                .end("{\"object\":\"models\"," + new JsonObject().put("object", "list").put("data", data).encode().substring(1));
    }

    private void handle(HttpServerRequest request) {
        if (request.path().equals("/v1/models")) {
            MODELS_CALLS.incrementAndGet();
            MODELS_AUTHORIZATION.set(request.getHeader("Authorization"));
            switch (MODELS.get()) {
                case fail -> request.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("error", new JsonObject().put("message", "models are down")).encode());
                case slow -> vertx.setTimer(3000, id -> listModels(request.response()));
                default -> listModels(request.response());
            }
            return;
        }
        if (!request.path().equals("/v1/chat/completions")) {
            request.response().setStatusCode(404).end();
            return;
        }
        request.body().onSuccess(buffer -> {
            JsonObject body = buffer.toJsonObject();
            String model = body.getString("model");
            SEEN.add(new Seen(model, request.getHeader("Authorization"), body));
            int call = CALLS.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
            respond(model, call, request.response());
        });
    }

    private void respond(String model, int call, HttpServerResponse response) {
        switch (model) {
            case "stub-401" -> error(response, 401, null, "Invalid credentials in Authorization header");
            case "stub-429" -> error(response, 429, "7", "Rate limit reached");
            case "stub-500" -> error(response, 500, null, "Internal error");
            case "stub-flaky" -> {
                if (call % 2 == 1) {
                    error(response, 503, null, "Model is loading");
                } else {
                    stream(response, ECHO);
                }
            }
            case "stub-hang" -> {
                startStream(response);
                response.closeHandler(v -> CLOSED_EARLY.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet());
            }
            case "stub-break" -> {
                startStream(response);
                writeChunk(response, "Partial");
                writeChunk(response, " answer");
                vertx.setTimer(50, id -> response.reset());
            }
            case "stub-error-event" -> {
                startStream(response);
                writeChunk(response, "Before");
                response.write("data: {\"error\":{\"message\":\"The model is overloaded\",\"type\":\"server_error\"}}\n\n");
                response.end();
            }
            case "stub-slow" -> ticking(model, response, StubProvider.SLOW_TICKS);
            case "stub-long" -> ticking(model, response, LONG_TICKS);
            case "stub-pause" -> {
                startStream(response);
                writeChunk(response, "Wait");
                vertx.setTimer(PAUSE_MS, id -> {
                    writeChunk(response, " for it");
                    finish(response, 2);
                });
            }
            default -> stream(response, ECHO);
        }
    }

    /** {@code tick1 tick2 ...}, one every 40 ms; counts a client hanging up before the end. */
    private void ticking(String model, HttpServerResponse response, int ticks) {
        startStream(response);
        AtomicInteger tick = new AtomicInteger();
        long[] timer = new long[1];
        response.closeHandler(v -> {
            vertx.cancelTimer(timer[0]);
            if (tick.get() < ticks) {
                CLOSED_EARLY.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
            }
        });
        timer[0] = vertx.setPeriodic(40, id -> {
            int i = tick.incrementAndGet();
            if (i <= ticks) {
                writeChunk(response, "tick" + i + " ");
            } else {
                vertx.cancelTimer(id);
                finish(response, ticks);
            }
        });
    }

    private static void stream(HttpServerResponse response, List<String> words) {
        startStream(response);
        for (String word : words) {
            writeChunk(response, word);
        }
        finish(response, words.size());
    }

    private static void startStream(HttpServerResponse response) {
        response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache");
        response.write(": keep-alive\n\n");
    }

    /** One content chunk, its data line deliberately split over two writes (two TCP chunks). */
    private static void writeChunk(HttpServerResponse response, String text) {
        // "id" given twice: a server's events are read leniently, unlike a client's request body
        String line = "data: {\"id\":\"chatcmpl-0\"," + new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                        .put("delta", new JsonObject().put("content", text)).putNull("finish_reason")))
                .encode().substring(1) + "\n\n";
        int half = line.length() / 2;
        response.write(line.substring(0, half));
        response.write(line.substring(half));
    }

    private static void finish(HttpServerResponse response, int completionTokens) {
        response.write("data: " + new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("delta", new JsonObject())
                        .put("finish_reason", "stop"))).encode() + "\n\n");
        response.write("data: " + new JsonObject().put("id", "chatcmpl-1").put("choices", new JsonArray())
                .put("usage", new JsonObject().put("prompt_tokens", 11).put("completion_tokens", completionTokens)
                        .put("total_tokens", 11 + completionTokens)).encode() + "\n\n");
        response.end("data: [DONE]\n\n");
    }

    private static void error(HttpServerResponse response, int status, String retryAfter, String message) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json");
        if (retryAfter != null) {
            response.putHeader("Retry-After", retryAfter);
        }
        response.end(new JsonObject().put("error", new JsonObject().put("message", message).put("type", "error")).encode());
    }
}
