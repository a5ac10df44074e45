package dev.aistudio.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkiverse.resteasy.problem.HttpProblem;

/** A problem as the JSON object clients get, for places that carry it outside an HTTP response (SSE, stored rows). */
public final class ProblemJson {

    private ProblemJson() {
    }

    public static Map<String, Object> body(HttpProblem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (problem.getType() != null) {
            body.put("type", problem.getType().toString());
        }
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatusCode());
        if (problem.getDetail() != null) {
            body.put("detail", problem.getDetail());
        }
        body.putAll(problem.getParameters());
        return body;
    }
}
