package dev.aistudio.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks of a service's OpenAPI document (its {@code /q/openapi} read as JSON into a map), the same for every service:
 * path ids are UUIDs, security requirements name a defined scheme, and error answers are problem+json.
 */
@SuppressWarnings("unchecked")
public final class OpenApiChecks {

    private OpenApiChecks() {
    }

    /** The statuses documented for one operation. */
    public static Set<String> statuses(Map<String, Object> doc, String path, String method) {
        return responses(doc, path, method).keySet();
    }

    /** The media types documented for one answer of one operation. */
    public static Set<String> mediaTypes(Map<String, Object> doc, String path, String method, String status) {
        return ((Map<String, Object>) ((Map<String, Object>) responses(doc, path, method).get(status)).get("content"))
                .keySet();
    }

    /** Every id in a path is documented as a UUID (the resources take it as text and answer 404 for anything else). */
    public static void pathIdsAreUuids(Map<String, Object> doc, int expected) {
        List<String> checked = new ArrayList<>();
        operations(doc, (path, method, operation) -> {
            for (Map<String, Object> parameter : (List<Map<String, Object>>) operation.getOrDefault("parameters",
                    List.of())) {
                if ("path".equals(parameter.get("in"))) {
                    assertEquals(Map.of("type", "string", "format", "uuid"), parameter.get("schema"), method + " " + path);
                    checked.add(method + " " + path);
                }
            }
        });
        assertEquals(expected, checked.size(), checked.toString());
    }

    /**
     * Each security requirement names a scheme the document defines (Swagger UI's Authorize applies only to those);
     * with {@code everyOperation}, no operation goes without one.
     */
    public static void securityNamesKnownSchemes(Map<String, Object> doc, boolean everyOperation) {
        Set<String> schemes = ((Map<String, Object>) components(doc).get("securitySchemes")).keySet();
        operations(doc, (path, method, operation) -> {
            List<Map<String, Object>> security = (List<Map<String, Object>>) operation.getOrDefault("security", List.of());
            assertTrue(!everyOperation || !security.isEmpty(), method + " " + path + " names no scheme");
            for (Map<String, Object> requirement : security) {
                assertTrue(schemes.containsAll(requirement.keySet()), method + " " + path + ": " + requirement);
            }
        });
    }

    /** Every error answer (4xx, 5xx, default) is application/problem+json with the Problem schema. */
    public static void errorsAreProblems(Map<String, Object> doc) {
        assertTrue(((Map<String, Object>) components(doc).get("schemas")).containsKey("Problem"));
        Map<String, Object> problem = Map.of("application/problem+json",
                Map.of("schema", Map.of("$ref", "#/components/schemas/Problem")));
        operations(doc, (path, method, operation) -> ((Map<String, Map<String, Object>>) operation.get("responses"))
                .forEach((status, response) -> {
                    if (status.startsWith("4") || status.startsWith("5") || status.equals("default")) {
                        assertEquals(problem, response.get("content"), method + " " + path + " " + status);
                    }
                }));
    }

    private interface OperationCheck {
        void check(String path, String method, Map<String, Object> operation);
    }

    private static void operations(Map<String, Object> doc, OperationCheck check) {
        ((Map<String, Map<String, Map<String, Object>>>) doc.get("paths")).forEach((path, operations) -> operations
                .forEach((method, operation) -> check.check(path, method, operation)));
    }

    private static Map<String, Object> components(Map<String, Object> doc) {
        return (Map<String, Object>) doc.get("components");
    }

    private static Map<String, Object> responses(Map<String, Object> doc, String path, String method) {
        return (Map<String, Object>) ((Map<String, Map<String, Object>>) ((Map<String, Object>) doc.get("paths")).get(path))
                .get(method).get("responses");
    }
}
