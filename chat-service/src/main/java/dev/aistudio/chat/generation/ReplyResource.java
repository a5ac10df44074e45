package dev.aistudio.chat.generation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aistudio.chat.auth.Caller;
import dev.aistudio.chat.message.MessageView;
import dev.aistudio.problem.PathIds;
import dev.aistudio.problem.Problems;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Replies: post a message (or regenerate one) and receive the reply as server-sent events, or as JSON when asked
 * with {@code Accept: application/json}; re-attach to a reply; stop it.
 *
 * <p>The SSE methods run on the event loop and write to an {@link SseEventSink}: the head (200) is written with the
 * first event, once the start (a read and one pipelined write) succeeded, so a refused message still answers 4xx
 * with a problem, not 200 and an error event. (A method returning a {@code Multi}, even a {@code RestMulti} built
 * from a {@code Uni}, has its head written as soon as it returns.)
 */
@Path("/api/chat")
@Authenticated
@SecurityRequirement(name = "jwt")
public class ReplyResource {

    /** Longest a start may wait to be sent to the database before it is abandoned with 503 (nothing written). */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final GenerationService generation;
    private final ReplyEvents events;
    private final StartQueue starts;
    private final Caller caller;
    private final ObjectMapper json;

    public ReplyResource(GenerationService generation, ReplyEvents events, StartQueue starts, Caller caller, ObjectMapper json) {
        this.generation = generation;
        this.events = events;
        this.starts = starts;
        this.caller = caller;
        this.json = json;
    }

    @POST
    @Path("/conversations/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @APIResponse(responseCode = "200", description = "The reply as events: message, delta..., done or error",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS))
    @Operation(summary = "Send a message; the reply streams as events message, delta, done or error")
    public Uni<Void> send(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String conversationId,
            @Valid @NotNull(message = "a JSON body is required") MessagePost post, @Context Sse sse,
            @Context SseEventSink sink) {
        return streamed(inTurn(generation.send(caller.id(), conversationId(conversationId), post)), sse, sink, 0);
    }

    @POST
    @Path("/conversations/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "With Accept: application/json, once the reply ended:"
            + " {conversationId, userMessage, assistantMessage}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @Operation(summary = "Send a message and wait for the whole reply")
    public Uni<Response> sendForJson(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String conversationId,
            @Valid @NotNull(message = "a JSON body is required") MessagePost post) {
        return inTurn(generation.send(caller.id(), conversationId(conversationId), post)).flatMap(this::whole);
    }

    @POST
    @Path("/messages/{id}/regenerate")
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @APIResponse(responseCode = "200", description = "The new reply as events: message, delta..., done or error",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS))
    @Operation(summary = "A new version of a reply (a sibling), streamed like a sent message")
    public Uni<Void> regenerate(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String messageId,
            @Valid RegenerateRequest request, @Context Sse sse, @Context SseEventSink sink) {
        return streamed(inTurn(generation.regenerate(caller.id(), messageId(messageId), request)), sse, sink, 0);
    }

    @POST
    @Path("/messages/{id}/regenerate")
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "With Accept: application/json, once the reply ended:"
            + " {conversationId, userMessage, assistantMessage}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @Operation(summary = "A new version of a reply, answered whole")
    public Uni<Response> regenerateForJson(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String messageId,
            @Valid RegenerateRequest request) {
        return inTurn(generation.regenerate(caller.id(), messageId(messageId), request)).flatMap(this::whole);
    }

    @GET
    @Path("/conversations/{id}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @APIResponse(responseCode = "200", description = "The reply's events from Last-Event-ID on",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS))
    @Operation(summary = "Re-attach to the conversation's reply: the text after Last-Event-ID, then the rest as it comes")
    public Uni<Void> stream(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String conversationId,
            @HeaderParam("Last-Event-ID") String lastEventId, @QueryParam("messageId") UUID replyId, @Context Sse sse,
            @Context SseEventSink sink) {
        int from = offset(lastEventId);
        // following an unknown conversation is no_reply, so a segment that cannot be one is too
        UUID conversation = PathIds.uuid(conversationId, GenerationService::noReply);
        return streamed(inTime(generation.follow(caller.id(), conversation, replyId, from)), sse, sink, from);
    }

    @POST
    @Path("/conversations/{id}/stop")
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stop the reply being generated; the text so far is kept (status stopped)")
    public Uni<MessageView> stop(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String conversationId) {
        return generation.stop(caller.id(), conversationId(conversationId));
    }

    /** The whole reply once it ended: 201 with both messages, or the problem that ended it with its status. */
    private Uni<Response> whole(GenerationService.Reply reply) {
        return reply.events().filter(event -> event instanceof ReplyEvent.Finished)
                .map(event -> (ReplyEvent.Finished) event).toUni()
                .map(finished -> {
                    if (finished.problemJson() != null) {
                        return problemResponse(finished);
                    }
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("conversationId", reply.conversationId());
                    body.put("userMessage", reply.userMessage());
                    body.put("assistantMessage", finished.message());
                    return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON).entity(body).build();
                });
    }

    private Response problemResponse(ReplyEvent.Finished finished) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> problem = json.readValue(finished.problemJson(), LinkedHashMap.class);
            problem.put("messageId", finished.message().id());
            problem.put("messageStatus", finished.message().status());
            int status = problem.get("status") instanceof Number n ? n.intValue() : 502;
            Response.ResponseBuilder response = Response.status(status).type("application/problem+json").entity(problem);
            if (problem.get("retryAfter") instanceof Number seconds) {
                response.header("Retry-After", seconds.longValue());
            }
            return response.build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A path segment that cannot be a conversation's id answers as an unknown one does. */
    private static UUID conversationId(String id) {
        return PathIds.uuid(id, () -> Problems.notFound("conversation"));
    }

    /** A path segment that cannot be a message's id answers as an unknown one does. */
    private static UUID messageId(String id) {
        return PathIds.uuid(id, () -> Problems.notFound("message"));
    }

    private static int offset(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(lastEventId.trim());
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw Problems.of(400, "invalid_last_event_id", "Invalid Last-Event-ID",
                    "Last-Event-ID must be the id of an event of this stream (a character offset).");
        }
    }

    /**
     * Once the start succeeded, its events go to the sink (the first one writes the head); a start that failed is a
     * problem answer.
     */
    private Uni<Void> streamed(Uni<GenerationService.Reply> start, Sse sse, SseEventSink sink, int from) {
        io.vertx.core.Context request = Vertx.currentContext();
        return start.invoke(reply -> events.writeTo(sink, sse, reply, from, request)).replaceWithVoid();
    }

    /** A new reply's start, run in its turn ({@link StartQueue}), within the start timeout once it runs. */
    private Uni<GenerationService.Reply> inTurn(Uni<GenerationService.Reply> start) {
        return starts.inTurn(inTime(start));
    }

    /** One that cannot finish in time (the service is overloaded) is a 503 to retry, not a 500. */
    private static Uni<GenerationService.Reply> inTime(Uni<GenerationService.Reply> start) {
        return start.ifNoItem().after(START_TIMEOUT).failWith(() -> Problems.retryLater(503, "service_busy",
                "Service busy", "The reply could not be started in time because the service is overloaded. Try again"
                        + " shortly.", 5L));
    }
}
