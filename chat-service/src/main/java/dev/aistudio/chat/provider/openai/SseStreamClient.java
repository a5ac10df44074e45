package dev.aistudio.chat.provider.openai;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.aistudio.chat.config.UpstreamConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;

/**
 * POSTs a request and reads the {@code text/event-stream} answer as the {@code data} of each event, on a pooled
 * keep-alive Vert.x client. A stream that ends normally leaves its connection in the pool for the next request;
 * cancelling one resets the request, which closes its connection, so the provider sees the hang-up and stops.
 *
 * <p>Not the Quarkus REST client: its SSE reader ({@code SseEventSourceImpl}) closes the connection when every stream
 * ends, after the pool has already taken it back. Connections were never reused, and a request that the pool had
 * just given that connection failed with "Connection was closed".
 */
final class SseStreamClient {

    private final HttpClient client;
    private final String baseUrl;
    private final long idleTimeoutMs;

    SseStreamClient(Vertx vertx, String baseUrl, UpstreamConfig config) {
        this.baseUrl = baseUrl;
        this.idleTimeoutMs = config.idleTimeout().toMillis();
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(60)
                .setPipelining(false)
                .setTcpNoDelay(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setForceSni(true)
                .setDecompressionSupported(false);
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(config.maxConnections())
                .setMaxWaitQueueSize(-1));
    }

    /**
     * The events' data, one item per event; an answer other than 2xx fails with {@link UpstreamStatus} carrying its
     * status, Retry-After and body.
     */
    Multi<String> post(String path, String authorization, Buffer body) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<HttpClientRequest> request = new AtomicReference<>();
            AtomicBoolean ended = new AtomicBoolean();
            emitter.onTermination(() -> {
                HttpClientRequest sent = request.get();
                if (!ended.get() && sent != null) {
                    sent.reset();
                }
            });
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(baseUrl + path)
                    .putHeader("Content-Type", "application/json").putHeader("Accept", "text/event-stream");
            if (authorization != null) {
                options.putHeader("Authorization", authorization);
            }
            client.request(options).onSuccess(sent -> {
                request.set(sent);
                if (emitter.isCancelled()) {
                    sent.reset();
                    return;
                }
                sent.idleTimeout(idleTimeoutMs);
                sent.send(body).onSuccess(response -> read(response, emitter, ended))
                        .onFailure(failure -> fail(emitter, failure));
            }).onFailure(failure -> fail(emitter, failure));
        });
    }

    private static void read(HttpClientResponse response, MultiEmitter<? super String> emitter, AtomicBoolean ended) {
        if (response.statusCode() / 100 != 2) {
            response.body().onComplete(body -> {
                ended.set(true);
                fail(emitter, new UpstreamStatus(response.statusCode(), response.getHeader("Retry-After"),
                        body.succeeded() ? body.result().toString() : null));
            });
            return;
        }
        EventReader events = new EventReader(emitter);
        RecordParser lines = RecordParser.newDelimited("\n", events::line);
        response.handler(lines);
        response.exceptionHandler(failure -> fail(emitter, failure));
        response.endHandler(v -> {
            ended.set(true);
            events.end();
            emitter.complete();
        });
    }

    /** A failure after a cancel is our own reset of the request, not news for anyone. */
    private static void fail(MultiEmitter<? super String> emitter, Throwable failure) {
        if (!emitter.isCancelled()) {
            emitter.fail(failure);
        }
    }

    /** The SSE wire format: {@code data:} lines up to a blank line make one event; comments and other fields skipped. */
    private static final class EventReader {
        private final MultiEmitter<? super String> emitter;
        private StringBuilder data;

        EventReader(MultiEmitter<? super String> emitter) {
            this.emitter = emitter;
        }

        void line(Buffer raw) {
            String line = raw.toString();
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                end();
                return;
            }
            if (line.startsWith("data:")) {
                String value = line.substring(line.length() > 5 && line.charAt(5) == ' ' ? 6 : 5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }

        void end() {
            if (data != null) {
                String event = data.toString();
                data = null;
                emitter.emit(event);
            }
        }
    }

    /** A provider's answer that was not 2xx. */
    static final class UpstreamStatus extends RuntimeException {
        final int status;
        final String retryAfter;
        final String body;

        UpstreamStatus(int status, String retryAfter, String body) {
            super("HTTP " + status, null, false, false);
            this.status = status;
            this.retryAfter = retryAfter;
            this.body = body;
        }
    }

    void close() {
        client.close();
    }
}
