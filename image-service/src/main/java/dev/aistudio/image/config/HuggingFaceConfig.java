package dev.aistudio.image.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** HuggingFace's inference router (text-to-image: {@code POST {base}/hf-inference/models/{model}}). */
@ConfigMapping(prefix = "studio.hf")
public interface HuggingFaceConfig {

    /** STUDIO_HF_BASE_URL. */
    @WithDefault("https://router.huggingface.co")
    String baseUrl();

    /** HF_TOKEN; without it HuggingFace models are listed as unavailable. */
    Optional<String> token();
}
