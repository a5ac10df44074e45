package dev.aistudio.chat.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.aistudio.chat.message.MessageView;

/** A conversation as clients see it; {@code messages} (the current branch, oldest first) only in the detail view. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationView(UUID id, String title, String model, String systemPrompt, SamplingParams params,
        UUID currentLeafId, Instant createdAt, Instant updatedAt, List<MessageView> messages) {

    public static ConversationView of(Conversation c) {
        return of(c, null);
    }

    public static ConversationView of(Conversation c, List<MessageView> messages) {
        return new ConversationView(c.id, c.title, c.model, c.systemPrompt,
                new SamplingParams(c.temperature, c.topP, c.maxTokens), c.currentLeafId, c.createdAt, c.updatedAt,
                messages);
    }
}
