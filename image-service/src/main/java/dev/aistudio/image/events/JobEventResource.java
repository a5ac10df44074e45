package dev.aistudio.image.events;

import java.time.Duration;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.aistudio.image.job.JobService;
import dev.aistudio.image.job.JobView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;

/** {@code GET /api/images/events}: the caller's job changes as server-sent events, so clients never poll fast. */
@Path("/api/images/events")
@Authenticated
public class JobEventResource {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final JobChanges changes;
    private final JobService jobs;
    private final JsonWebToken jwt;

    public JobEventResource(JobChanges changes, JobService jobs, JsonWebToken jwt) {
        this.changes = changes;
        this.jobs = jobs;
        this.jwt = jwt;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-sent events: `job` (the job as GET /api/images/{id} shows it) on every change of the "
            + "caller's jobs, `deleted` when one is removed, and a comment every 15 s to keep the stream open")
    public Multi<OutboundSseEvent> events(@Context Sse sse) {
        UUID owner = UUID.fromString(jwt.getSubject());
        // Notifications arrive on the listener's connection; reading the job must happen on this request's context.
        io.vertx.core.Context request = io.vertx.core.Vertx.currentContext();
        Multi<OutboundSseEvent> jobEvents = changes.stream()
                .emitOn(task -> request.runOnContext(v -> task.run()))
                .filter(change -> change.ownerId().equals(owner))
                .onItem().transformToUniAndConcatenate(change -> jobs.find(change.id(), owner)
                        .map(job -> job == null
                                ? sse.newEventBuilder().name("deleted").id(change.id().toString())
                                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                                        .data(java.util.Map.of("id", change.id())).build()
                                : sse.newEventBuilder().name("job").id(job.id.toString())
                                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(JobView.of(job)).build()));
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(HEARTBEAT)
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        Multi<OutboundSseEvent> hello = Multi.createFrom().item(sse.newEventBuilder().comment("connected").build());
        return Multi.createBy().concatenating().streams(hello,
                Multi.createBy().merging().streams(jobEvents, heartbeats));
    }
}
