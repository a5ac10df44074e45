package dev.aistudio.chat.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A message as clients see it. {@code siblingIds} (other versions of it, oldest first, itself included) appears in a
 * conversation's branch; {@code error} is the problem body of a failed reply.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageView(UUID id, UUID conversationId, UUID parentId, String role, String content, String status,
        String model, String provider, Usage usage, Timings timings, @JsonRawValue String error, Instant createdAt,
        Instant finishedAt, List<UUID> siblingIds) {

    public record Usage(Integer promptTokens, Integer completionTokens, Integer totalTokens) {
    }

    public record Timings(Integer ttftMs, Integer durationMs, Double tokensPerSecond) {
    }

    public static MessageView of(Message m) {
        return of(m, null);
    }

    public static MessageView of(Message m, List<UUID> siblingIds) {
        return new MessageView(m.id, m.conversationId, m.parentId, m.role, m.content, m.status, m.model, m.provider,
                usage(m.role, m.promptTokens, m.completionTokens), timings(m.role, m.ttftMs, m.durationMs,
                        m.tokensPerSecond),
                m.error, m.createdAt, m.finishedAt, siblingIds);
    }

    public static Usage usage(String role, Integer prompt, Integer completion) {
        if (!Message.ASSISTANT.equals(role)) {
            return null;
        }
        Integer total = prompt != null && completion != null ? prompt + completion : null;
        return new Usage(prompt, completion, total);
    }

    public static Timings timings(String role, Integer ttftMs, Integer durationMs, Double tokensPerSecond) {
        return Message.ASSISTANT.equals(role) ? new Timings(ttftMs, durationMs, tokensPerSecond) : null;
    }

    public MessageView withoutContent() {
        return new MessageView(id, conversationId, parentId, role, null, status, model, provider, usage, timings, error,
                createdAt, finishedAt, siblingIds);
    }
}
