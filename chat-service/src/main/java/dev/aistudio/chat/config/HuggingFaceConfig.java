package dev.aistudio.chat.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** HuggingFace's router (environment: STUDIO_HF_BASE_URL, HF_TOKEN). */
@ConfigMapping(prefix = "studio.hf")
public interface HuggingFaceConfig {

    /** HuggingFace's OpenAI-compatible router. */
    @WithDefault("https://router.huggingface.co")
    String baseUrl();

    /** The HuggingFace token (HF_TOKEN); without it the huggingface models are listed as unavailable. */
    Optional<String> token();
}
