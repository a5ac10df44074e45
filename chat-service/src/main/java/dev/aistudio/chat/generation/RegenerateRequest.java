package dev.aistudio.chat.generation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import dev.aistudio.chat.conversation.SamplingParams;

/** Optional changes for a regenerated reply; absent fields come from the conversation. */
public record RegenerateRequest(
        @Size(max = 200, message = "must be at most 200 characters") String model,
        @Valid SamplingParams params) {
}
