package dev.aistudio.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.resteasy.problem.HttpProblem;

/** Text PostgreSQL could not store as sent is refused when the body is read, naming the field. */
class StorableTextTest {

    record Params(String stop) {
    }

    record Body(String title, List<String> tags, Params params) {
    }

    private final ObjectMapper mapper = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        new StorableText().customize(mapper);
        return mapper;
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> refusal(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> mapper.readValue(json, Body.class),
                json);
        HttpProblem problem = JsonProblems.problemFor(e);
        assertEquals(400, problem.getStatusCode(), json);
        assertEquals("invalid_text", problem.getParameters().get("code"), json);
        List<Map<String, String>> violations = (List<Map<String, String>>) problem.getParameters().get("violations");
        assertEquals(1, violations.size(), json);
        return violations.get(0);
    }

    @Test
    void anUnpairedSurrogateIsRefusedNamingTheField() {
        // alone, each has no UTF-8 form: PostgreSQL stored it as '?'
        for (String text : new String[] { "\\ud800", "lone \\udfff end", "\\ude00\\ud83d", "x\\ud83d" }) {
            Map<String, String> violation = refusal("{\"title\":\"" + text + "\"}");
            assertEquals("title", violation.get("field"), text);
            assertEquals(StorableText.UNPAIRED_SURROGATE, violation.get("message"), text);
        }
        assertEquals("params.stop", refusal("{\"params\":{\"stop\":\"\\udbff\"}}").get("field"));
        assertEquals("tags.[1]", refusal("{\"tags\":[\"a\",\"\\ud800\"]}").get("field"));
    }

    @Test
    void aNulCharacterIsRefusedNamingTheField() {
        Map<String, String> violation = refusal("{\"title\":\"a\\u0000b\"}");
        assertEquals("title", violation.get("field"));
        assertEquals(StorableText.NUL, violation.get("message"));
    }

    @Test
    void wholePairsAndOtherTextAreReadAsSent() throws Exception {
        Body body = mapper.readValue("{\"title\":\"a smile \\ud83d\\ude00 and \uD83D\uDE00, caf\u00e9\"}", Body.class);
        assertEquals("a smile \uD83D\uDE00 and \uD83D\uDE00, caf\u00e9", body.title());
    }
}
