package dev.aistudio.chat.provider.openai;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** Listing the models of an OpenAI-compatible server (the streamed chat call goes through {@link SseStreamClient}). */
@Path("/v1")
interface OpenAiApi {

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<JsonNode> models(@HeaderParam("Authorization") String authorization);
}
