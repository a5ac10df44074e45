package dev.aistudio.gateway.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;

/**
 * The pooled HTTP clients of one upstream, one per event loop. Vert.x' pool hands any idle connection to any caller,
 * so a request arriving on one event loop would often be written by another, and every read and write would hop
 * threads. With a pool per event loop, a proxied exchange and its upstream connection stay on the thread that
 * accepted the browser's connection, as in nginx' worker model.
 */
public final class UpstreamClients {

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final HttpClient shared;
    private final Map<Thread, HttpClient> perEventLoop = new ConcurrentHashMap<>();

    UpstreamClients(Vertx vertx, HttpClientOptions options) {
        this.vertx = vertx;
        this.options = options;
        this.shared = vertx.createHttpClient(new HttpClientOptions(options).setName(options.getName() + "-shared"));
    }

    /** The client of the calling event loop; off an event loop (health checks, tests), a shared one. */
    public HttpClient current() {
        if (!Context.isOnEventLoopThread()) {
            return shared;
        }
        return perEventLoop.computeIfAbsent(Thread.currentThread(), thread ->
                vertx.createHttpClient(new HttpClientOptions(options).setName(options.getName() + "-" + thread.getName())));
    }

    void close() {
        perEventLoop.values().forEach(HttpClient::close);
        shared.close();
    }
}
