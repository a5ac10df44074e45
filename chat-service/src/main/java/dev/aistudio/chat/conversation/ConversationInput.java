package dev.aistudio.chat.conversation;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * The body of create and PATCH. In a PATCH an absent (or null) field stays as it is, an empty string clears
 * {@code model} or {@code systemPrompt}, and {@code params} replaces all three parameters ({@code {}} clears them).
 * {@code currentLeafId} switches the branch shown to the one through that message.
 */
public record ConversationInput(
        @Size(max = 200, message = "must be at most 200 characters") String title,
        @Size(max = 200, message = "must be at most 200 characters") String model,
        @Size(max = 32000, message = "must be at most 32000 characters") String systemPrompt,
        @Valid SamplingParams params,
        UUID currentLeafId) {
}
