package dev.aistudio.chat.provider.openai;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aistudio.chat.config.UpstreamConfig;
import dev.aistudio.chat.provider.ChatProvider;
import dev.aistudio.chat.provider.ProviderEvent;
import dev.aistudio.chat.provider.ProviderFailure;
import dev.aistudio.chat.provider.ProviderRequest;
import dev.aistudio.chat.provider.UpstreamGuard;
import dev.aistudio.problem.StrictJson;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * A provider speaking OpenAI's streaming chat protocol: HuggingFace's router and any OpenAI-compatible server. One
 * instance per upstream, each with its own bounded keep-alive connection pool for streams ({@link SseStreamClient})
 * and the REST client for {@code /v1/models}.
 */
public final class OpenAiCompatibleProvider implements ChatProvider {

    private static final String DONE = "[DONE]";

    private final String name;
    private final boolean available;
    private final String authorization;
    private final OpenAiApi api;
    private final SseStreamClient streams;
    private final ObjectMapper json;
    private final UpstreamGuard guard;

    public OpenAiCompatibleProvider(String name, Optional<String> baseUrl, Optional<String> token,
            boolean needsToken, UpstreamConfig config, ObjectMapper json, UpstreamGuard guard, Vertx vertx) {
        this.name = name;
        this.available = baseUrl.isPresent() && (!needsToken || token.isPresent());
        this.authorization = token.map(t -> "Bearer " + t).orElse(null);
        this.json = StrictJson.lenient(json); // a server's events are read as before, not as strictly as request bodies
        this.guard = guard;
        this.api = baseUrl.map(url -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(url.replaceAll("/+$", "")))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // only for /v1/models: a small pool and the idle timeout as the read timeout
                .readTimeout(config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, 4)
                .property(QuarkusRestClientProperties.NAME, name)
                .build(OpenAiApi.class)).orElse(null);
        this.streams = baseUrl.map(url -> new SseStreamClient(vertx, url.replaceAll("/+$", ""), config)).orElse(null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public Multi<ProviderEvent> stream(ProviderRequest request) {
        if (!available) {
            return Multi.createFrom().failure(new ProviderFailure(ProviderFailure.Kind.REJECTED, name, null, null,
                    "It is not configured.", null));
        }
        Buffer body;
        try {
            body = Buffer.buffer(json.writeValueAsBytes(CompletionRequest.streaming(request)));
        } catch (JsonProcessingException e) {
            return Multi.createFrom().failure(e);
        }
        return guard.guard(name, started -> attempt(body, started));
    }

    /** The model ids the server lists at {@code /v1/models}, with the context length where it tells. */
    public Uni<List<ListedModel>> listModels() {
        if (api == null) {
            return Uni.createFrom().item(List.of());
        }
        return api.models(authorization).map(OpenAiCompatibleProvider::listed);
    }

    public record ListedModel(String id, Integer contextLength) {
    }

    private Multi<ProviderEvent> attempt(Buffer body, AtomicBoolean started) {
        AtomicBoolean ended = new AtomicBoolean();
        return streams.post("/v1/chat/completions", authorization, body)
                .onItem().transformToIterable(event -> read(event, ended))
                .onCompletion().switchTo(() -> ended.get()
                        ? Multi.createFrom().empty()
                        : Multi.createFrom().failure(new ProviderFailure(started.get()
                                ? ProviderFailure.Kind.BROKEN
                                : ProviderFailure.Kind.UNAVAILABLE, name, null, null,
                                "The stream ended without [DONE].", null)))
                .onFailure().transform(failure -> UpstreamErrors.translate(name, failure, started.get()));
    }

    /** One SSE event: a chunk with text and/or usage, an error object, or the [DONE] marker. */
    private List<ProviderEvent> read(String data, AtomicBoolean ended) {
        if (data == null || data.isBlank()) {
            return List.of();
        }
        if (DONE.equals(data.trim())) {
            ended.set(true);
            return List.of();
        }
        JsonNode chunk;
        try {
            chunk = json.readTree(data);
        } catch (JsonProcessingException e) {
            throw new ProviderFailure(ProviderFailure.Kind.BROKEN, name, null, null,
                    "It sent an event that is not JSON.", e);
        }
        if (chunk.hasNonNull("error")) {
            throw UpstreamErrors.inStream(name, chunk.get("error"));
        }
        List<ProviderEvent> events = new ArrayList<>(2);
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode content = choice.path("delta").path("content");
            if (content.isTextual() && !content.asText().isEmpty()) {
                events.add(new ProviderEvent.Delta(content.asText()));
            }
        }
        JsonNode usage = chunk.path("usage");
        if (usage.isObject()) {
            events.add(new ProviderEvent.Usage(intOrNull(usage.get("prompt_tokens")),
                    intOrNull(usage.get("completion_tokens"))));
        }
        return events;
    }

    private static Integer intOrNull(JsonNode node) {
        return node != null && node.canConvertToInt() ? node.asInt() : null;
    }

    private static List<ListedModel> listed(JsonNode answer) {
        List<ListedModel> models = new ArrayList<>();
        for (JsonNode model : answer.path("data")) {
            String id = model.path("id").asText(null);
            if (id == null || id.isBlank()) {
                continue;
            }
            Integer context = null;
            for (String field : List.of("max_model_len", "context_length", "context_window")) {
                if (model.path(field).canConvertToInt()) {
                    context = model.path(field).asInt();
                    break;
                }
            }
            models.add(new ListedModel(id, context));
        }
        return models;
    }
}
