package dev.aistudio.chat.model;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The model catalog. */
@Path("/api/chat")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "jwt")
public class ModelResource {

    private final ModelCatalog catalog;

    public ModelResource(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** The list shape every list here has; the catalog is never paged, so {@code next} is always null. */
    public record ModelList(List<ModelEntry> items, String next) {
    }

    @GET
    @Path("/models")
    @Operation(summary = "Every model, with whether it is available now and whether it is the offline (non-AI) one")
    public Uni<ModelList> list() {
        return catalog.list().map(models -> new ModelList(models, null));
    }
}
