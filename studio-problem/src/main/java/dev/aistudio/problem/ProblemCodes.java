package dev.aistudio.problem;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemPostProcessor;
import io.quarkiverse.resteasy.problem.validation.Violation;

/**
 * Gives the problems that the framework raises (bad JSON, failed validation, unknown path, wrong method) the same
 * stable {@code code} and {@code type} as our own, so a client can switch on {@code code} alone.
 */
@ApplicationScoped
public class ProblemCodes implements ProblemPostProcessor {

    @Override
    public HttpProblem apply(HttpProblem problem, ProblemContext context) {
        if (problem.getParameters().containsKey("code")) {
            return problem;
        }
        JsonProcessingException json = jsonError(context.cause);
        if (json != null) {
            // whichever mapper took it, the same answer as ProblemMappers.badJson gives
            return HttpProblem.builder(JsonProblems.problemFor(json)).withInstance(problem.getInstance()).build();
        }
        String code = codeFor(problem);
        HttpProblem.Builder builder = HttpProblem.builder(problem).with("code", code);
        if (problem.getType() == null) {
            builder.withType(URI.create("https://aistudio.dev/problems/" + code));
        }
        if (problem.getDetail() == null && problem.getParameters().get("violations") instanceof Collection<?> violations) {
            // bean validation's problem had no detail and the title "Bad Request": say what failed, as ours do
            builder.withTitle("Invalid request").withDetail(detailOf(violations));
        }
        return builder.build();
    }

    /** The violations in one sentence ({@code params.temperature must be between 0 and 2}). */
    private static String detailOf(Collection<?> violations) {
        List<String> parts = new ArrayList<>();
        for (Object violation : violations) {
            String field = property(violation, "field");
            String message = property(violation, "message");
            parts.add(field == null || field.isEmpty() ? message : field + " " + message);
        }
        return String.join("; ", parts);
    }

    private static String property(Object violation, String name) {
        if (violation instanceof Violation v) {
            return name.equals("field") ? v.field : v.message;
        }
        return violation instanceof Map<?, ?> map && map.get(name) != null ? String.valueOf(map.get(name)) : null;
    }

    /** The JSON error behind the problem: a refused text wherever it is in the chain, else the first one. */
    private static JsonProcessingException jsonError(Throwable cause) {
        JsonProcessingException first = null;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (StorableText.isRefusal(t)) {
                return (JsonProcessingException) t;
            }
            if (first == null && t instanceof JsonProcessingException json) {
                first = json;
            }
        }
        return first;
    }

    private static String codeFor(HttpProblem problem) {
        if (problem.getParameters().containsKey("violations")) {
            return "validation_failed";
        }
        return codeFor(problem.getStatusCode());
    }

    /** The code of a problem that says no more than its status. */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "client_error";
        };
    }
}
