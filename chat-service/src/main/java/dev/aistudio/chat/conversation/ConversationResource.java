package dev.aistudio.chat.conversation;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import dev.aistudio.chat.auth.Caller;
import dev.aistudio.problem.PathIds;
import dev.aistudio.problem.Problems;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Conversations: list, create, read, change, delete. Another user's conversation answers 404. */
// every resource here shares the class path /api/chat, so Quarkus REST matches their methods as one tree
@Path("/api/chat")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
public class ConversationResource {

    private final ConversationService service;
    private final Caller caller;

    public ConversationResource(ConversationService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("/conversations")
    @Operation(summary = "The caller's conversations, newest first, paged by cursor; q searches titles and message text")
    public Uni<ConversationService.Page> list(
            @QueryParam("limit") @DefaultValue("20") @Min(value = 1, message = "must be at least 1")
            @Max(value = 100, message = "must be at most 100") int limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("q") @Size(max = 200, message = "must be at most 200 characters") String q) {
        return service.page(caller.id(), limit, cursor, q);
    }

    @POST
    @Path("/conversations")
    @APIResponse(responseCode = "201", description = "The conversation, with its Location",
            content = @Content(schema = @Schema(implementation = ConversationView.class)))
    @Operation(summary = "Start a conversation (every field optional)")
    public Uni<Response> create(@Valid ConversationInput input) {
        return service.create(caller.id(), input)
                .map(c -> Response.created(URI.create("/api/chat/conversations/" + c.id())).entity(c).build());
    }

    @GET
    @Path("/conversations/{id}")
    @Operation(summary = "A conversation with the messages of its current branch")
    public Uni<ConversationView> get(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        return service.get(caller.id(), conversationId(id))
                .onItem().ifNull().failWith(() -> Problems.notFound("conversation"));
    }

    @PATCH
    @Path("/conversations/{id}")
    @Operation(summary = "Rename, change system prompt, default model, sampling parameters, or the branch shown")
    public Uni<ConversationView> update(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @Valid ConversationInput patch) {
        return service.update(caller.id(), conversationId(id), patch)
                .onItem().ifNull().failWith(() -> Problems.notFound("conversation"));
    }

    @DELETE
    @Path("/conversations/{id}")
    @APIResponse(responseCode = "204", description = "Deleted")
    @Operation(summary = "Delete a conversation and all its messages")
    public Uni<Response> delete(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        return service.delete(caller.id(), conversationId(id)).map(deleted -> {
            if (!deleted) {
                throw Problems.notFound("conversation");
            }
            return Response.noContent().build();
        });
    }

    /** A path segment that cannot be a conversation's id answers as an unknown one does. */
    private static UUID conversationId(String id) {
        return PathIds.uuid(id, () -> Problems.notFound("conversation"));
    }
}
