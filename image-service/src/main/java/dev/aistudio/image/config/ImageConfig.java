package dev.aistudio.image.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Jobs, workers and limits of image generation. */
@ConfigMapping(prefix = "studio.images")
public interface ImageConfig {

    /** Jobs one replica runs at the same time (the global bound is this times the replicas). */
    @WithDefault("2")
    int workers();

    /** How long a claimed job belongs to its worker without a renewal; a crashed worker's jobs are re-run after it. */
    @WithDefault("60S")
    Duration lease();

    /** How often a worker renews the leases of the jobs it runs (well inside the lease). */
    @WithDefault("20S")
    Duration renewEvery();

    /** How often the queue is polled when no notification arrives. */
    @WithDefault("2S")
    Duration pollInterval();

    /** Queued or running jobs one person may have at once. */
    @WithDefault("10")
    int maxQueuedPerUser();

    /** Tries of one job against a provider that is busy, loading or failing, before the job fails. */
    @WithDefault("5")
    int maxAttempts();

    /** Wait before the first retry; doubles per try unless the provider asks for longer. */
    @WithDefault("2S")
    Duration retryBackoff();

    /** The longest wait between two tries. */
    @WithDefault("2M")
    Duration maxRetryBackoff();

    /** Longest time one provider call may take. */
    @WithDefault("120S")
    Duration upstreamTimeout();

    /** Largest image accepted from a provider. */
    @WithDefault("20000000")
    int maxImageBytes();

    /** Longest side of a thumbnail, in pixels. */
    @WithDefault("320")
    int thumbnailSize();

    /** How long the offline placeholder pretends to work, so progress is visible in the studio. */
    @WithDefault("1S")
    Duration offlineDelay();

    /** A JSON catalog replacing the built-in one (STUDIO_MODELS_FILE). */
    Optional<String> modelsFile();
}
