package dev.aistudio.image.job;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/images}: what to draw; every number is checked again against the model's own ranges. */
public record ImageRequest(
        @NotBlank(message = "is required") @Size(max = 200, message = "is too long") String model,
        @NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters") String prompt,
        @Size(max = 2000, message = "must be at most 2000 characters") String negativePrompt,
        Integer width,
        Integer height,
        Integer steps,
        Double guidance,
        @Min(value = 0, message = "must be between 0 and 4294967295") @Max(value = 4294967295L, message = "must be between 0 and 4294967295") Long seed) {
}
