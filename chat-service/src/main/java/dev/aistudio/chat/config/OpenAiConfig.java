package dev.aistudio.chat.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Any OpenAI-compatible server (environment: STUDIO_OPENAI_BASE_URL, STUDIO_OPENAI_API_KEY). */
@ConfigMapping(prefix = "studio.openai")
public interface OpenAiConfig {

    /** vLLM, Ollama, llama.cpp, LocalAI or OpenAI itself; its /v1/models are listed in the catalog. */
    Optional<String> baseUrl();

    /** Its API key, if it wants one. */
    Optional<String> apiKey();

    /** Context length assumed for its models when /v1/models does not say. */
    @WithDefault("8192")
    int defaultContextLength();

    /** How long the listed models are reused before /v1/models is asked again. */
    @WithDefault("PT1M")
    Duration modelsCacheTtl();
}
