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

    /** How long the listed models are reused before /v1/models is asked again (in the background). */
    @WithDefault("PT1M")
    Duration modelsCacheTtl();

    /** Before the first listing, how long a request waits for it (then it answers without the server's models). */
    @WithDefault("PT2S")
    Duration modelsFirstWait();

    /** How long one read of /v1/models may take before it counts as failed. */
    @WithDefault("PT10S")
    Duration modelsTimeout();

    /** After a failed read, the wait before the next; it doubles each time, up to the cache period. */
    @WithDefault("PT1S")
    Duration modelsRetry();
}
