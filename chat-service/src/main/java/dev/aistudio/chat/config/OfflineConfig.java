package dev.aistudio.chat.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The built-in offline provider (no network, not AI). */
@ConfigMapping(prefix = "studio.offline")
public interface OfflineConfig {

    /** Pause between the words of its reply, so it streams like a model would. */
    @WithDefault("PT0.03S")
    Duration wordInterval();
}
