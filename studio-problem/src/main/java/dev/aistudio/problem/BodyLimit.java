package dev.aistudio.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers an oversized body with a 413 problem before it is read. (Vert.x's own limit check closes the connection
 * with an empty 413; this catches every request that declares its length first.)
 */
@ApplicationScoped
public class BodyLimit {

    private final long maxBytes;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max) {
        this.maxBytes = max.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::rejectOversized, 1000);
    }

    private void rejectOversized(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (length != null && isOver(length)) {
            String body = "{\"type\":\"https://aistudio.dev/problems/payload_too_large\",\"title\":\"Payload too large\","
                    + "\"status\":413,\"detail\":\"The request body is larger than " + maxBytes + " bytes.\","
                    + "\"code\":\"payload_too_large\"}";
            context.response().setStatusCode(413).putHeader("Content-Type", "application/problem+json").end(body);
            return;
        }
        context.next();
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
