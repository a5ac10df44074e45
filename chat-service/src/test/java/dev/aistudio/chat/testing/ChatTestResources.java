package dev.aistudio.chat.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import dev.aistudio.testing.EmbeddedPostgresResource;

/**
 * The parts every test runs against, started once for the whole suite (one application start): embedded PostgreSQL,
 * the token issuer, and the stub provider.
 */
@QuarkusTestResource(value = EmbeddedPostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "studio_chat"))
@QuarkusTestResource(TestIssuer.class)
@QuarkusTestResource(StubProvider.class)
public final class ChatTestResources {

    private ChatTestResources() {
    }
}
