package dev.aistudio.image.model;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.Authenticated;

@Path("/api/images/models")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ModelResource {

    private final ModelCatalog catalog;

    public ModelResource(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Operation(summary = "Image models, the parameters each accepts with their ranges, and whether it is available now")
    public List<ImageModel> models() {
        return catalog.all();
    }
}
