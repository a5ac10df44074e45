package dev.aistudio.image.job;

import java.util.Arrays;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.aistudio.problem.PathIds;
import dev.aistudio.problem.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The gallery and its jobs. Every id is looked up together with the caller: another person's image is a 404. */
@Path("/api/images")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ImageResource {

    private static final String IMMUTABLE = "private, max-age=31536000, immutable";

    private final JobService jobs;
    private final ImageBytes bytes;
    private final JsonWebToken jwt;

    public ImageResource(JobService jobs, ImageBytes bytes, JsonWebToken jwt) {
        this.jobs = jobs;
        this.bytes = bytes;
        this.jwt = jwt;
    }

    @GET
    @Operation(summary = "The caller's images and jobs, newest first, keyset paged: {\"items\", \"next\"}")
    public Uni<JobService.Page> list(@QueryParam("limit") @DefaultValue("24") @Min(value = 1, message = "must be at least 1")
            @Max(value = JobService.MAX_PAGE, message = "must be at most 100") int limit, @QueryParam("cursor") String cursor) {
        return jobs.page(owner(), cursor, limit);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "The job, queued; Location: /api/images/{id}",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @Operation(summary = "Queue a generation job: 202 with Location; follow it on /api/images/events or GET /api/images/{id}")
    public Uni<Response> submit(@Valid @NotNull(message = "a JSON body is required") ImageRequest request) {
        // A relative Location: behind the gateway the service's own host means nothing to the client.
        return jobs.submit(owner(), request).map(job -> Response.accepted(JobView.of(job))
                .header("Location", "/api/images/" + job.id).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One job or image")
    public Uni<JobView> get(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        return jobs.find(uuid(id), owner()).onItem().ifNull().failWith(() -> Problems.notFound("image")).map(JobView::of);
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The job, cancelled",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "204", description = "The image and its bytes, deleted")
    @Operation(summary = "Cancel a queued or running job (200 with the job), or delete a finished image and its bytes (204)")
    public Uni<Response> delete(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        return jobs.cancelOrDelete(uuid(id), owner())
                .map(removal -> removal.deleted() ? Response.noContent().build()
                        : Response.ok(JobView.of(removal.cancelled())).build());
    }

    @GET
    @Path("/{id}/content")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "200", description = "The image (PNG, JPEG or GIF)",
            content = @Content(mediaType = "image/*"))
    @APIResponse(responseCode = "206", description = "The range asked for", content = @Content(mediaType = "image/*"))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @Operation(summary = "The image bytes: ETag, immutable caching, single byte ranges; ?download=true to save")
    public Uni<Response> content(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @HeaderParam("If-None-Match") String ifNoneMatch, @HeaderParam("Range") String range,
            @QueryParam("download") boolean download) {
        UUID imageId = uuid(id);
        return bytes.content(imageId, owner()).onItem().ifNull().failWith(() -> Problems.notFound("image"))
                .map(stored -> {
                    Response.ResponseBuilder response = serve(stored, ifNoneMatch, range);
                    String extension = stored.contentType().substring(stored.contentType().indexOf('/') + 1)
                            .replace("jpeg", "jpg");
                    response.header("Content-Disposition", (download ? "attachment" : "inline")
                            + "; filename=\"ai-studio-" + imageId + "." + extension + "\"");
                    return response.build();
                });
    }

    @GET
    @Path("/{id}/thumbnail")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "200", description = "The thumbnail", content = @Content(mediaType = "image/jpeg"))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    @Operation(summary = "A small JPEG of the image, made when it arrived")
    public Uni<Response> thumbnail(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        return bytes.thumbnail(uuid(id), owner()).onItem().ifNull().failWith(() -> Problems.notFound("image"))
                .map(stored -> serve(stored, ifNoneMatch, null).build());
    }

    private static Response.ResponseBuilder serve(ImageBytes.Stored stored, String ifNoneMatch, String range) {
        String etag = "\"" + stored.etag() + "\"";
        if (ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .anyMatch(t -> t.equals(etag) || t.equals("*") || t.equals("W/" + etag))) {
            return Response.notModified().header("ETag", etag).header("Cache-Control", IMMUTABLE);
        }
        byte[] body = stored.bytes();
        Response.ResponseBuilder response;
        long[] span = range == null ? null : ByteRange.parse(range, body.length);
        if (span == null && range != null && ByteRange.isUnsatisfiable(range, body.length)) {
            throw HttpProblem.builder(Problems.of(416, "range_not_satisfiable", "Range not satisfiable",
                    "The range starts at or after the end of the image (" + body.length + " bytes)."))
                    .withHeader("Content-Range", "bytes */" + body.length).build();
        }
        if (span != null) {
            byte[] part = Arrays.copyOfRange(body, (int) span[0], (int) span[1] + 1);
            response = Response.status(206).entity(part)
                    .header("Content-Range", "bytes " + span[0] + "-" + span[1] + "/" + body.length);
        } else {
            response = Response.ok(body);
        }
        return response.type(stored.contentType()).header("ETag", etag).header("Cache-Control", IMMUTABLE)
                .header("Accept-Ranges", "bytes").header("X-Content-Type-Options", "nosniff");
    }

    private UUID owner() {
        return UUID.fromString(jwt.getSubject());
    }

    /** A malformed id cannot name anyone's image: the same 404 as a missing one. */
    private static UUID uuid(String id) {
        return PathIds.uuid(id, () -> Problems.notFound("image"));
    }
}
