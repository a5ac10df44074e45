package dev.aistudio.image.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.quarkiverse.resteasy.problem.HttpProblem;

/** The problems this service answers with: each has a stable {@code code} clients can act on. */
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
        return HttpProblem.builder()
                .withType(URI.create(TYPE_BASE + code))
                .withStatus(400)
                .withTitle("Invalid " + field)
                .withDetail(field + " " + message)
                .with("code", code)
                .with("violations", List.of(Map.of("field", field, "in", "body", "message", message)))
                .build();
    }

    public static HttpProblem unauthorized(String code, String detail) {
        return of(401, code, "Unauthorized", detail);
    }

    public static HttpProblem notFound(String what) {
        return of(404, "not_found", "Not found", "No such " + what + ".");
    }

    /** A 400 naming every offending field at once. */
    public static HttpProblem invalidFields(String code, List<Map<String, String>> violations) {
        String detail = violations.stream().map(v -> v.get("field") + " " + v.get("message"))
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return HttpProblem.builder()
                .withType(URI.create(TYPE_BASE + code))
                .withStatus(400)
                .withTitle("Invalid request")
                .withDetail(detail)
                .with("code", code)
                .with("violations", violations)
                .build();
    }
}
