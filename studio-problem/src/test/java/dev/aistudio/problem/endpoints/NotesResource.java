package dev.aistudio.problem.endpoints;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A small API in the shape of the services' (JSON in and out, ids in the path), to call as a client would. */
@Path("/api/notes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotesResource {

    public record Note(String text) {
    }

    @GET
    public Map<String, Object> list() {
        return Map.of("items", java.util.List.of());
    }

    @POST
    public Note create(Note note) {
        return note;
    }

    public record CheckedNote(@NotBlank(message = "must not be blank") String text) {
    }

    @POST
    @Path("/checked")
    public CheckedNote check(@Valid @NotNull(message = "a JSON body is required") CheckedNote note) {
        return note;
    }

    @GET
    @Path("/{id}")
    public Note get(@PathParam("id") String id) {
        return new Note(id);
    }

    @PUT
    @Path("/{id}")
    public Note replace(@PathParam("id") String id, Note note) {
        return note;
    }

    @DELETE
    @Path("/{id}")
    public void delete(@PathParam("id") String id) {
    }

    @GET
    @Path("/{id}/text")
    @Produces(MediaType.TEXT_PLAIN)
    public String text(@PathParam("id") String id) {
        return id;
    }
}
