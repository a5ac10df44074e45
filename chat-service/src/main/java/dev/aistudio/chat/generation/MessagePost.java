package dev.aistudio.chat.generation;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.aistudio.chat.conversation.SamplingParams;

/**
 * A new user message. {@code parentId} is the reply it follows (absent: the end of the current branch). To edit and
 * resend, give {@code editOf}: the user message it replaces, which stays as an earlier version (a sibling).
 */
public record MessagePost(
        @NotBlank(message = "must not be blank") String content,
        @Size(max = 200, message = "must be at most 200 characters") String model,
        UUID parentId,
        UUID editOf,
        @Valid SamplingParams params) {
}
