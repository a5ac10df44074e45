package dev.aistudio.chat.provider.openai;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aistudio.problem.StrictJson;
import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import io.smallrye.mutiny.Uni;

/** Listing the models of an OpenAI-compatible server (the streamed chat call goes through {@link SseStreamClient}). */
@Path("/v1")
interface OpenAiApi {

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<JsonNode> models(@HeaderParam("Authorization") String authorization);

    /** A server's answer is not a client's request body: a key it repeats is read, as before, not refused. */
    @ClientObjectMapper
    static ObjectMapper upstreamJson(ObjectMapper services) {
        return StrictJson.lenient(services);
    }
}
