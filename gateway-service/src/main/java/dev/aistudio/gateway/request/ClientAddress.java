package dev.aistudio.gateway.request;

import io.vertx.core.http.HttpServerRequest;

/** The caller's address, as Quarkus resolved it (X-Forwarded-For is honoured only from quarkus.http.proxy.trusted-proxies). */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
