package dev.aistudio.chat.provider.openai;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aistudio.chat.provider.ProviderFailure;
import dev.aistudio.chat.provider.ProviderFailure.Kind;

/** Turns what an upstream call reports (status, headers, error body, I/O errors) into a {@link ProviderFailure}. */
final class UpstreamErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 300;

    private UpstreamErrors() {
    }

    static ProviderFailure translate(String provider, Throwable failure, boolean started) {
        if (failure instanceof ProviderFailure known) {
            return known;
        }
        SseStreamClient.UpstreamStatus status = find(failure, SseStreamClient.UpstreamStatus.class);
        if (status != null) {
            return fromStatus(provider, status.status, status.retryAfter, status.body);
        }
        WebApplicationException http = find(failure, WebApplicationException.class);
        if (http != null && http.getResponse() != null) {
            return fromResponse(provider, http.getResponse());
        }
        Kind kind = started ? Kind.BROKEN : Kind.UNAVAILABLE;
        String detail = find(failure, TimeoutException.class) != null || isIdleTimeout(failure)
                ? "The connection went silent."
                : find(failure, ConnectException.class) != null ? "Connection refused." : describe(failure);
        return new ProviderFailure(kind, provider, null, null, detail, failure);
    }

    /** An error object sent inside the stream ({@code data: {"error": {...}}}) after it had begun. */
    static ProviderFailure inStream(String provider, JsonNode error) {
        return new ProviderFailure(Kind.BROKEN, provider, null, null, "It said: " + message(error), null);
    }

    static ProviderFailure fromResponse(String provider, Response response) {
        return fromStatus(provider, response.getStatus(), response.getHeaderString("Retry-After"), body(response));
    }

    /** An answer other than 2xx: its status, Retry-After header and body (the provider's error object, if any). */
    static ProviderFailure fromStatus(String provider, int status, String retryAfter, String body) {
        String said = errorMessage(body);
        String detail = said == null ? null : "It said: " + said;
        if (status == 401 || status == 403) {
            return new ProviderFailure(Kind.REJECTED, provider, status, null, detail, null);
        }
        if (status == 429) {
            return new ProviderFailure(Kind.RATE_LIMITED, provider, status,
                    retryAfterSeconds(retryAfter), detail, null);
        }
        if (status == 408 || status >= 500) {
            return new ProviderFailure(Kind.UNAVAILABLE, provider, status, null, detail, null);
        }
        return new ProviderFailure(Kind.REFUSED, provider, status, null, detail, null);
    }

    /** Seconds from either form of Retry-After (delta-seconds or an HTTP date); null when absent or unreadable. */
    static Long retryAfterSeconds(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, Duration.between(Instant.now(), at).toSeconds());
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static String body(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode json = JSON.readTree(body);
            return message(json.has("error") ? json.get("error") : json);
        } catch (Exception notJson) {
            return clip(body);
        }
    }

    private static String message(JsonNode error) {
        if (error == null) {
            return "an error without a message";
        }
        if (error.isTextual()) {
            return clip(error.asText());
        }
        JsonNode message = error.get("message");
        return clip(message != null && message.isTextual() ? message.asText() : error.toString());
    }

    private static String clip(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "…";
    }

    private static boolean isIdleTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : clip(root.getMessage());
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
