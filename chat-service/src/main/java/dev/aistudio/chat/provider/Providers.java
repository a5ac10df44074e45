package dev.aistudio.chat.provider;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aistudio.chat.config.HuggingFaceConfig;
import dev.aistudio.chat.config.OpenAiConfig;
import dev.aistudio.chat.config.UpstreamConfig;
import dev.aistudio.chat.provider.offline.OfflineProvider;
import dev.aistudio.chat.provider.openai.OpenAiCompatibleProvider;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;

/** The configured providers by name: {@code huggingface}, {@code openai} and {@code offline}. */
// built at start, not on the first request's event loop: it builds REST clients and reads the catalog
@Startup
@ApplicationScoped
public class Providers {

    public static final String HUGGINGFACE = "huggingface";
    public static final String OPENAI = "openai";

    private final OpenAiCompatibleProvider huggingFace;
    private final OpenAiCompatibleProvider openAi;
    private final Map<String, ChatProvider> byName;

    public Providers(HuggingFaceConfig hf, OpenAiConfig openAiConfig, UpstreamConfig upstream, ObjectMapper json, UpstreamGuard guard,
            OfflineProvider offline, Vertx vertx) {
        this.huggingFace = new OpenAiCompatibleProvider(HUGGINGFACE, Optional.of(hf.baseUrl()),
                hf.token().filter(t -> !t.isBlank()), true, upstream, json, guard, vertx);
        this.openAi = new OpenAiCompatibleProvider(OPENAI, openAiConfig.baseUrl().filter(u -> !u.isBlank()),
                openAiConfig.apiKey().filter(k -> !k.isBlank()), false, upstream, json, guard, vertx);
        this.byName = Map.of(HUGGINGFACE, huggingFace, OPENAI, openAi, OfflineProvider.NAME, offline);
    }

    public Optional<ChatProvider> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The OpenAI-compatible server of STUDIO_OPENAI_BASE_URL, whose models the catalog lists. */
    public OpenAiCompatibleProvider openAi() {
        return openAi;
    }
}
