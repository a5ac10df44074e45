package dev.aistudio.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkiverse.resteasy.problem.HttpProblem;

/** The problems the services answer with: each has a stable {@code code} clients can act on. */
public final class Problems {

    private static final String TYPE_BASE = "https://aistudio.dev/problems/";

    private Problems() {
    }

    public static HttpProblem of(int status, String code, String title, String detail) {
        return HttpProblem.builder()
                .withType(URI.create(TYPE_BASE + code))
                .withStatus(status)
                .withTitle(title)
                .withDetail(detail)
                .with("code", code)
                .build();
    }

    /** A 400 naming the offending field, in the same {@code violations} shape as bean validation failures. */
    public static HttpProblem invalidField(String field, String code, String message) {
        return invalidFields(code, "Invalid " + field, List.of(Map.of("field", field, "in", "body", "message", message)));
    }

    /** A 400 for a body Jackson could not read: names the field and what it must be, never a Java type. */
    public static HttpProblem unreadableBody(JsonProcessingException e) {
        return JsonProblems.problemFor(e);
    }

    /** A 400 for one parameter outside the body ({@code in}: query, header). */
    public static HttpProblem invalidParameter(String name, String in, String message) {
        return invalidFields("invalid_parameter", "Invalid " + name, List.of(Map.of("field", name, "in", in, "message", message)));
    }

    /** A 400 naming every offending field at once. */
    public static HttpProblem invalidFields(String code, List<Map<String, String>> violations) {
        return invalidFields(code, "Invalid request", violations);
    }

    private static HttpProblem invalidFields(String code, String title, List<Map<String, String>> violations) {
        String detail = violations.stream().map(v -> v.get("field") + " " + v.get("message"))
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return HttpProblem.builder()
                .withType(URI.create(TYPE_BASE + code))
                .withStatus(400)
                .withTitle(title)
                .withDetail(detail)
                .with("code", code)
                .with("violations", violations)
                .build();
    }

    public static HttpProblem unauthorized(String code, String detail) {
        return of(401, code, "Unauthorized", detail);
    }

    /** Nothing of the caller's has this id: also the answer for another person's resource. */
    public static HttpProblem notFound(String what) {
        return of(404, "not_found", "Not found", "No " + what + " with this id.");
    }

    /** A problem that also tells the client when to try again, in the header and in the body. */
    public static HttpProblem retryLater(int status, String code, String title, String detail, Long retryAfterSeconds) {
        HttpProblem.Builder builder = HttpProblem.builder(of(status, code, title, detail));
        if (retryAfterSeconds != null) {
            builder.withHeader("Retry-After", retryAfterSeconds).with("retryAfter", retryAfterSeconds);
        }
        return builder.build();
    }
}
