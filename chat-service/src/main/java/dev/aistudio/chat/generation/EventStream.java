package dev.aistudio.chat.generation;

import java.util.function.Consumer;

/**
 * Where a reply's server-sent events go: one HTTP response. {@link #write} takes whole frames (one or more events in
 * the SSE wire format) and sends them in one write; the first write sends the head (200, text/event-stream) with it.
 */
interface EventStream {

    /** The client left or the stream was closed. */
    boolean isClosed();

    /** Sends {@code frames} in one write; {@code onFailure} is told when the write fails (the client left). */
    void write(String frames, Consumer<Throwable> onFailure);

    /** Ends the response. */
    void close();
}
