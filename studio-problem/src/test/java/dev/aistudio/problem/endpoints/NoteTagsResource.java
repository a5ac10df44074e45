package dev.aistudio.problem.endpoints;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A class path under another's ({@code /api/notes/{id}} would match it too): JAX-RS takes the longer one. */
@Path("/api/notes/tags")
@Produces(MediaType.APPLICATION_JSON)
public class NoteTagsResource {

    @GET
    public List<String> tags() {
        return List.of("a");
    }
}
