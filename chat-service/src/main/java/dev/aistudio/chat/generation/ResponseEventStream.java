package dev.aistudio.chat.generation;

import java.util.function.Consumer;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.SseEventSink;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * The request's response as an {@link EventStream}: frames are written to it directly, several events in one write
 * where they are ready together (the sink writes one event per write). The sink is the request's all the same: it
 * tells Quarkus REST that the method answers itself, and it ends the response.
 */
final class ResponseEventStream implements EventStream {

    private final HttpServerResponse response;
    private final SseEventSink sink;

    ResponseEventStream(HttpServerResponse response, SseEventSink sink) {
        this.response = response;
        this.sink = sink;
    }

    @Override
    public boolean isClosed() {
        return sink.isClosed();
    }

    @Override
    public void write(String frames, Consumer<Throwable> onFailure) {
        if (!response.headWritten()) {
            // the head the sink would write (Quarkus REST's SseUtil.setHeaders)
            response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, MediaType.SERVER_SENT_EVENTS)
                    .setChunked(true);
        }
        response.write(Buffer.buffer(frames)).onFailure(onFailure::accept);
    }

    @Override
    public void close() {
        sink.close();
    }
}
