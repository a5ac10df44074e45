package dev.aistudio.image.provider.huggingface;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.image.config.HuggingFaceConfig;
import dev.aistudio.image.config.ImageConfig;
import dev.aistudio.image.job.ImageJob;
import dev.aistudio.image.model.ModelCatalog;
import dev.aistudio.image.provider.ImageProvider;
import dev.aistudio.image.provider.ProviderFailure;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * HuggingFace text-to-image: {@code POST {STUDIO_HF_BASE_URL}/hf-inference/models/{model}} with
 * {@code {"inputs": prompt, "parameters": {...}}}; the answer is the image. Status codes become
 * {@link ProviderFailure}s: 401/403 fail at once, 429 and 503 ("model is loading") are retried after the time the
 * provider names, other 5xx and network errors are retried with backoff, other 4xx fail with the provider's message.
 */
@ApplicationScoped
public class HuggingFaceProvider implements ImageProvider {

    private static final Duration DEFAULT_RETRY = Duration.ofSeconds(5);

    private final HuggingFaceConfig hf;
    private final ImageConfig config;
    private final WebClient client;

    public HuggingFaceProvider(HuggingFaceConfig hf, ImageConfig config, Vertx vertx) {
        this.hf = hf;
        this.config = config;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setMaxPoolSize(Math.max(4, config.workers() * 2))
                .setConnectTimeout(10_000)
                .setUserAgent("ai-studio-3d/image-service"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public String name() {
        return ModelCatalog.HUGGINGFACE;
    }

    @Override
    public Uni<GeneratedImage> generate(ImageJob job) {
        String token = hf.token().filter(t -> !t.isBlank()).orElse(null);
        if (token == null) {
            return Uni.createFrom().failure(ProviderFailure.fatal("provider_not_configured",
                    "HuggingFace is not configured: set HF_TOKEN to use " + job.model + "."));
        }
        JsonObject parameters = new JsonObject().put("width", job.width).put("height", job.height).put("seed", job.seed);
        if (job.steps != null) {
            parameters.put("num_inference_steps", job.steps);
        }
        if (job.guidance != null) {
            parameters.put("guidance_scale", job.guidance);
        }
        if (job.negativePrompt != null) {
            parameters.put("negative_prompt", job.negativePrompt);
        }
        JsonObject body = new JsonObject().put("inputs", job.prompt).put("parameters", parameters);
        String url = hf.baseUrl().replaceAll("/+$", "") + "/hf-inference/models/" + job.model;
        return client.postAbs(url)
                .bearerTokenAuthentication(token)
                .putHeader("Accept", "image/png, image/jpeg;q=0.9, image/*;q=0.8")
                .timeout(config.upstreamTimeout().toMillis())
                .sendJsonObject(body)
                .onFailure(t -> !(t instanceof ProviderFailure)).transform(t -> ProviderFailure.retry("provider_unreachable",
                        "HuggingFace could not be reached: " + t.getMessage(), DEFAULT_RETRY))
                .map(this::toImage);
    }

    private GeneratedImage toImage(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status == 200) {
            Buffer body = response.body();
            return new GeneratedImage(body == null ? new byte[0] : body.getBytes(), response.getHeader("Content-Type"));
        }
        String message = errorMessage(response);
        if (status == 401 || status == 403) {
            throw ProviderFailure.fatal("provider_rejected_token",
                    "HuggingFace rejected the token (HTTP " + status + "): check HF_TOKEN. " + message);
        }
        if (status == 429) {
            throw ProviderFailure.retry("provider_rate_limited", "HuggingFace is rate limiting: " + message,
                    retryAfter(response));
        }
        if (status == 503) {
            Duration wait = estimatedTime(response);
            throw ProviderFailure.retry("provider_loading", "The model is loading on HuggingFace: " + message,
                    wait != null ? wait : retryAfter(response));
        }
        if (status >= 500) {
            throw ProviderFailure.retry("provider_error", "HuggingFace failed (HTTP " + status + "): " + message,
                    DEFAULT_RETRY);
        }
        throw ProviderFailure.fatal("provider_rejected_request",
                "HuggingFace refused the request (HTTP " + status + "): " + message);
    }

    private static Duration retryAfter(HttpResponse<Buffer> response) {
        String header = response.getHeader("Retry-After");
        try {
            return header == null ? DEFAULT_RETRY : Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY;
        }
    }

    private static Duration estimatedTime(HttpResponse<Buffer> response) {
        try {
            Object estimate = response.bodyAsJsonObject().getValue("estimated_time");
            return estimate instanceof Number n ? Duration.ofMillis((long) (n.doubleValue() * 1000)) : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String errorMessage(HttpResponse<Buffer> response) {
        try {
            Object error = response.bodyAsJsonObject().getValue("error");
            if (error != null) {
                return error.toString();
            }
        } catch (RuntimeException notJson) {
            // fall through to the raw text
        }
        String text = response.bodyAsString();
        if (text == null || text.isBlank()) {
            return "(no message)";
        }
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
