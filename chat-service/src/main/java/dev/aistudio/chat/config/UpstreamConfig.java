package dev.aistudio.chat.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How chat-service talks to model providers (HuggingFace router, OpenAI-compatible servers). */
@ConfigMapping(prefix = "studio.upstream")
public interface UpstreamConfig {

    /** No first token within this time ends the reply with 504. */
    @WithDefault("PT60S")
    Duration firstTokenTimeout();

    /** A stream silent for this long after its first token is treated as broken. */
    @WithDefault("PT120S")
    Duration idleTimeout();

    /** Opening a connection to a provider. */
    @WithDefault("PT10S")
    Duration connectTimeout();

    /** Extra attempts after a connection error or 5xx, only before the first token. */
    @WithDefault("2")
    int retries();

    /** Wait before the first retry; it doubles for each further one. */
    @WithDefault("PT0.25S")
    Duration retryBackoff();

    /** Open connections to each provider at most; further requests wait for a free one. */
    @WithDefault("256")
    int maxConnections();
}
