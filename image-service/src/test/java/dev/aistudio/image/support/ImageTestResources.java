package dev.aistudio.image.support;

import dev.aistudio.testing.EmbeddedPostgresResource;
import dev.aistudio.testing.TestIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest here runs on a real PostgreSQL, with a stand-in token issuer and HuggingFace. */
@QuarkusTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "studio_images"))
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(HfStub.class)
public class ImageTestResources {
}
