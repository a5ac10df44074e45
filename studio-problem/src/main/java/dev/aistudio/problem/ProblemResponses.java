package dev.aistudio.problem;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the error answers in each service's OpenAPI document as they are sent: every operation's error
 * responses, and a {@code default} response for the others, are {@code application/problem+json} with the
 * {@code Problem} schema (RFC 9457 with the stable {@code code}). Registered by each service with
 * {@code mp.openapi.filter}.
 */
public class ProblemResponses implements OASFilter {

    static final String MEDIA_TYPE = "application/problem+json";
    private static final String REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> {
            if (item.getOperations() != null) {
                item.getOperations().values().forEach(ProblemResponses::document);
            }
        });
    }

    private static void document(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        Map<String, APIResponse> responses = operation.getResponses().getAPIResponses();
        if (responses != null) {
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    response.setContent(problemContent());
                }
            });
        }
        if (responses == null || !responses.containsKey("default")) {
            operation.getResponses().addAPIResponse("default", OASFactory.createAPIResponse()
                    .description("A problem (RFC 9457): type, title, status, detail and a stable code to switch on")
                    .content(problemContent()));
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF)));
    }

    private static Schema problemSchema() {
        Schema violation = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string("the field as the body spells it (params.max_tokens)"))
                .addProperty("in", string("body, query or header"))
                .addProperty("message", string("what the value must be"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An error answer (RFC 9457). Clients switch on code, which is stable.")
                .addProperty("type", string("https://aistudio.dev/problems/{code}").format("uri"))
                .addProperty("title", string("a short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string("what was wrong with this request, for a person"))
                .addProperty("instance", string("the path asked for"))
                .addProperty("code", string("stable, e.g. not_found, invalid_json, validation_failed, unauthorized"))
                .addProperty("violations", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(violation)
                        .description("for a 400 about fields: each field and what it must be"))
                .required(List.of("type", "title", "status", "code"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
