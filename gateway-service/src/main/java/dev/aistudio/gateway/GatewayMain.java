package dev.aistudio.gateway;

import dev.aistudio.gateway.request.MalformedUris;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Quarkus' own start, after turning off Quarkus' silent URI check so that {@link MalformedUris} answers a malformed
 * URI with a problem instead.
 */
@QuarkusMain
public final class GatewayMain {

    private GatewayMain() {
    }

    public static void main(String... args) {
        System.setProperty(MalformedUris.DISABLE_QUARKUS_CHECK, "true");
        Quarkus.run(args);
    }
}
