package dev.aistudio.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.resteasy.problem.HttpProblem;

class JsonProblemsTest {

    enum Mode { FAST, CAREFUL }

    record Params(@JsonProperty("max_tokens") Integer maxTokens, Double temperature) {
    }

    record Body(String content, UUID parentId, Params params, Long seed, Boolean pinned, Mode mode, List<String> tags) {
    }

    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private HttpProblem problemFor(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> mapper.readValue(json, Body.class));
        return JsonProblems.problemFor(e);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> onlyViolation(HttpProblem problem) {
        List<Map<String, String>> violations = (List<Map<String, String>>) problem.getParameters().get("violations");
        assertEquals(1, violations.size(), String.valueOf(violations));
        return violations.get(0);
    }

    @Test
    void aValueOfTheWrongKindNamesItsFieldAndWhatItMustBe() {
        record Case(String body, String field, String message) {
        }
        List<Case> cases = List.of(
                new Case("{\"parentId\":\"bad\"}", "parentId", "must be a UUID"),
                new Case("{\"params\":{\"max_tokens\":\"many\"}}", "params.max_tokens", "must be an integer"),
                new Case("{\"params\":{\"temperature\":\"hot\"}}", "params.temperature", "must be a number"),
                new Case("{\"params\":\"hot\"}", "params", "must be a JSON object"),
                new Case("{\"content\":{\"a\":1}}", "content", "must be a string"),
                new Case("{\"pinned\":\"perhaps\"}", "pinned", "must be true or false"),
                new Case("{\"mode\":\"RECKLESS\"}", "mode", "must be one of: FAST, CAREFUL"),
                new Case("{\"tags\":{\"a\":1}}", "tags", "must be an array"));
        for (Case c : cases) {
            HttpProblem problem = problemFor(c.body());
            assertEquals(400, problem.getStatusCode(), c.body());
            assertEquals("invalid_json", problem.getParameters().get("code"), c.body());
            Map<String, String> violation = onlyViolation(problem);
            assertEquals(c.field(), violation.get("field"), c.body());
            assertEquals(c.message(), violation.get("message"), c.body());
            assertEquals(c.field() + " " + c.message(), problem.getDetail(), c.body());
        }
    }

    @Test
    void aBodyOfTheWrongKindSaysItMustBeAnObjectWithoutJavaNames() {
        for (String body : List.of("[1,2]", "\"text\"", "42")) {
            HttpProblem problem = problemFor(body);
            assertEquals("invalid_json", problem.getParameters().get("code"), body);
            assertEquals("The request body must be a JSON object.", problem.getDetail(), body);
        }
    }

    @Test
    void aNumberOutOfRangeAndBrokenJsonAreSaidPlainly() {
        HttpProblem tooBig = problemFor("{\"seed\":99999999999999999999}");
        assertEquals("invalid_json", tooBig.getParameters().get("code"));
        assertEquals("seed is out of range", tooBig.getDetail());

        HttpProblem broken = problemFor("{\"content\": nope}");
        assertEquals("Malformed JSON", broken.getTitle());
        assertTrue(broken.getDetail().startsWith("The request body is not valid JSON: Unrecognized token 'nope'"),
                broken.getDetail());
    }

    @Test
    void anUnknownFieldListsTheKnownOnes() {
        HttpProblem problem = problemFor("{\"parent_id\":\"x\"}");
        assertEquals("unknown_field", problem.getParameters().get("code"));
        assertEquals("is not a field of this request (known: content, mode, params, parentId, pinned, seed, tags)",
                onlyViolation(problem).get("message"));
    }

    @Test
    void noAnswerNamesAJavaType() {
        for (String body : List.of("{\"parentId\":\"bad\"}", "[1]", "{\"params\":{\"max_tokens\":\"x\"}}", "{\"seed\":1e400}",
                "{\"mode\":3.5}")) {
            HttpProblem problem = problemFor(body);
            String text = problem.getTitle() + " " + problem.getDetail() + " " + problem.getParameters();
            assertFalse(text.contains("java.") || text.contains("dev.aistudio") || text.contains("`"), body + " -> " + text);
        }
    }
}
