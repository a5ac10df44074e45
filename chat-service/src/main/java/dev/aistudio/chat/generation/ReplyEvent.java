package dev.aistudio.chat.generation;

import java.util.UUID;

import dev.aistudio.chat.message.MessageView;

/** What a follower of a reply receives; {@code offset} is the reply's length in characters after the event. */
public sealed interface ReplyEvent {

    /** The reply exists: the ids a client needs before any text. */
    record Started(UUID conversationId, MessageView userMessage, MessageView assistantMessage, int offset)
            implements ReplyEvent {
    }

    /** More text. */
    record Delta(String text, int offset) implements ReplyEvent {
    }

    /** The reply ended and is stored as {@code message}; {@code problemJson} says why when it did not complete. */
    record Finished(MessageView message, String problemJson, int offset) implements ReplyEvent {
    }
}
