package dev.aistudio.problem;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The main class of every service that uses this library (user, chat and image): Quarkus' own start, after turning
 * off Quarkus' silent URI check so that {@link MalformedUris} answers a malformed URI with a problem instead.
 */
@QuarkusMain
public final class StudioServiceMain {

    private StudioServiceMain() {
    }

    public static void main(String... args) {
        System.setProperty(MalformedUris.DISABLE_QUARKUS_CHECK, "true");
        Quarkus.run(args);
    }
}
