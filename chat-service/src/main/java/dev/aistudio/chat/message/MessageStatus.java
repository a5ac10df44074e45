package dev.aistudio.chat.message;

/** Where a message is in its life; only {@code streaming} changes. */
public enum MessageStatus {
    /** Written in full (every user message; a reply the model finished). */
    complete,
    /** Being generated now. */
    streaming,
    /** Stopped on request; the text so far is kept. */
    stopped,
    /** Its replica went away while generating; the text so far is kept. */
    interrupted,
    /** The provider failed; {@code error} says why, and any text so far is kept. */
    failed
}
