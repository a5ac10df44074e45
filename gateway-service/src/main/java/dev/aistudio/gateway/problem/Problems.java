package dev.aistudio.gateway.problem;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The gateway's own errors, in the same RFC 9457 shape (type, title, status, detail, code) as every service's. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://aistudio.dev/problems/";

    private Problems() {
    }

    public static Buffer body(int status, String code, String title, String detail) {
        return new JsonObject()
                .put("type", TYPE_BASE + code)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("code", code)
                .toBuffer();
    }

    /** Ends the exchange with a problem, unless an answer has already started (then there is nothing left to say). */
    public static void send(RoutingContext context, int status, String code, String title, String detail) {
        if (context.response().headWritten() || context.response().ended()) {
            return;
        }
        if (!context.request().isEnded()) {
            context.request().resume(); // an unread body is drained, not left blocking the connection
        }
        context.response()
                .setStatusCode(status)
                .putHeader("Content-Type", MEDIA_TYPE)
                .putHeader("Cache-Control", "no-store")
                .end(body(status, code, title, detail));
    }

    public static void notFound(RoutingContext context) {
        send(context, 404, "not_found", "Not found", "There is nothing at " + context.request().path() + ".");
    }
}
