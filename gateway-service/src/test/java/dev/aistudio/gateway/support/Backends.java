package dev.aistudio.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * What the gateway talks to in tests: the real user-service (child process), stub chat and image services, and a
 * small built web client. All live for the whole test JVM, so a Quarkus restart for another profile is cheap.
 */
public class Backends implements QuarkusTestResourceLifecycleManager {

    private static final Vertx VERTX = Vertx.vertx();
    private static final StubService CHAT = new StubService("chat-service", VERTX);
    private static final StubService IMAGES = new StubService("image-service", VERTX);
    private static Path webDir;

    public static StubService chat() {
        return CHAT;
    }

    public static StubService images() {
        return IMAGES;
    }

    public static synchronized Path webDir() {
        if (webDir == null) {
            try {
                webDir = Files.createTempDirectory("studio-web-");
                Files.createDirectories(webDir.resolve("assets"));
                Files.writeString(webDir.resolve("index.html"), WebBuild.INDEX);
                Files.writeString(webDir.resolve("assets/index-3f9a2c.js"), WebBuild.SCRIPT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return webDir;
    }

    @Override
    public Map<String, String> start() {
        CHAT.start();
        IMAGES.start();
        return Map.of(
                "studio.user-service-url", UserServiceProcess.url(),
                "studio.chat-service-url", CHAT.url(),
                "studio.image-service-url", IMAGES.url(),
                "studio.web-dir", webDir().toString());
    }

    @Override
    public void stop() {
        // kept for the whole JVM (see class comment)
    }

    /** The files of a minimal Vite build. */
    public static final class WebBuild {
        public static final String INDEX = "<!doctype html><html><head><title>AI Studio 3D</title>"
                + "<script type=\"module\" src=\"/assets/index-3f9a2c.js\"></script></head><body><div id=\"root\"></div></body></html>";
        public static final String SCRIPT = "console.log('studio');";

        private WebBuild() {
        }
    }
}
