package dev.aistudio.chat.conversation;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Sampling parameters, named as in the OpenAI protocol; null means the provider's default. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SamplingParams(
        @DecimalMin(value = "0.0", message = "must be between 0 and 2")
        @DecimalMax(value = "2.0", message = "must be between 0 and 2") Double temperature,
        @JsonProperty("top_p")
        @DecimalMin(value = "0.0", inclusive = false, message = "must be greater than 0 and at most 1")
        @DecimalMax(value = "1.0", message = "must be greater than 0 and at most 1") Double topP,
        @JsonProperty("max_tokens")
        @Min(value = 1, message = "must be at least 1")
        @Max(value = 1_000_000, message = "must be at most 1000000") Integer maxTokens) {

    public static final SamplingParams NONE = new SamplingParams(null, null, null);

    /** These, with each unset one taken from {@code defaults}. */
    public SamplingParams over(SamplingParams defaults) {
        if (defaults == null) {
            return this;
        }
        return new SamplingParams(temperature != null ? temperature : defaults.temperature,
                topP != null ? topP : defaults.topP, maxTokens != null ? maxTokens : defaults.maxTokens);
    }
}
