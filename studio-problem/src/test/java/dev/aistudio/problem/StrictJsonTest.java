package dev.aistudio.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.resteasy.problem.HttpProblem;

/** What the services' mapper refuses in a request body, and what {@link StrictJson#lenient} still reads. */
class StrictJsonTest {

    record Params(@JsonProperty("max_tokens") Integer maxTokens, Double temperature) {
    }

    record Body(String title, Long seed, Boolean everywhere, Params params, UUID parentId) {
    }

    private final ObjectMapper strict = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> refusal(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> strict.readValue(json, Body.class),
                json);
        HttpProblem problem = JsonProblems.problemFor(e);
        assertEquals(400, problem.getStatusCode(), json);
        assertEquals("invalid_json", problem.getParameters().get("code"), json);
        List<Map<String, String>> violations = (List<Map<String, String>>) problem.getParameters().get("violations");
        assertEquals(1, violations.size(), json + " -> " + problem.getDetail());
        return violations.get(0);
    }

    @Test
    void aValueOfTheWrongKindIsRefusedNamingTheFieldNotConverted() {
        record Case(String body, String field, String message) {
        }
        List<Case> cases = List.of(
                new Case("{\"title\":5}", "title", "must be a string"),
                new Case("{\"title\":5.5}", "title", "must be a string"),
                new Case("{\"title\":true}", "title", "must be a string"),
                new Case("{\"seed\":12.9}", "seed", "must be an integer"),
                new Case("{\"seed\":12.0}", "seed", "must be an integer"),
                new Case("{\"seed\":\"12\"}", "seed", "must be an integer"),
                new Case("{\"params\":{\"max_tokens\":\"64\"}}", "params.max_tokens", "must be an integer"),
                new Case("{\"params\":{\"temperature\":\"0.5\"}}", "params.temperature", "must be a number"),
                new Case("{\"params\":{\"temperature\":true}}", "params.temperature", "must be a number"),
                new Case("{\"everywhere\":\"true\"}", "everywhere", "must be true or false"),
                new Case("{\"everywhere\":1}", "everywhere", "must be true or false"),
                new Case("{\"params\":\"hot\"}", "params", "must be a JSON object"),
                new Case("{\"parentId\":5}", "parentId", "must be a UUID"));
        for (Case c : cases) {
            Map<String, String> violation = refusal(c.body());
            assertEquals(c.field(), violation.get("field"), c.body());
            assertEquals(c.message(), violation.get("message"), c.body());
        }
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingIt() {
        assertEquals(Map.of("field", "title", "in", "body", "message", "is given more than once"),
                refusal("{\"title\":\"a\",\"title\":\"b\"}"));
        assertEquals("params.temperature",
                refusal("{\"params\":{\"temperature\":0.1,\"temperature\":0.2}}").get("field"));
    }

    @Test
    void valuesOfTheRightKindAreReadAsWritten() throws Exception {
        Body body = strict.readValue("{\"title\":\"t\",\"seed\":4294967295,\"everywhere\":false,"
                + "\"params\":{\"max_tokens\":64,\"temperature\":1},\"parentId\":null}", Body.class);
        assertEquals(new Body("t", 4294967295L, false, new Params(64, 1.0), null), body);
    }

    @Test
    void theLenientCopyConvertsAsJacksonDoesButStillNamesUnknownFields() throws Exception {
        ObjectMapper lenient = StrictJson.lenient(strict);
        assertEquals(new Body("5", 12L, true, new Params(64, 0.5), null), lenient.readValue(
                "{\"title\":5,\"seed\":12.9,\"everywhere\":\"true\",\"params\":{\"max_tokens\":\"64\",\"temperature\":\"0.5\"},"
                        + "\"title\":5}", Body.class));
        assertThrows(JsonProcessingException.class, () -> lenient.readValue("{\"titel\":\"t\"}", Body.class));
        assertEquals(false, lenient.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue("{\"titel\":\"t\"}", Body.class) == null);
        // the copy leaves the services' mapper strict
        refusal("{\"title\":5}");
    }
}
