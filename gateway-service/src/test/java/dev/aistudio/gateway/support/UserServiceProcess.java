package dev.aistudio.gateway.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.aistudio.testing.EmbeddedPostgresResource;

/**
 * The real user-service, run from its built jar as a child process on its own database in the embedded PostgreSQL.
 * Started once per test JVM (profile restarts, which load this class afresh, reuse it) and stopped when the JVM exits.
 */
public final class UserServiceProcess {

    private static final Path JAR = Path.of("../user-service/target/quarkus-app/quarkus-run.jar").toAbsolutePath().normalize();
    private static final Path LOG = Path.of("target/user-service.log").toAbsolutePath();
    private static final Duration START_LIMIT = Duration.ofSeconds(120);

    private static Process process;
    private static String url;

    private UserServiceProcess() {
    }

    /** Where a running user-service is, for the class loaders of later Quarkus restarts in the same JVM. */
    private static final String RUNNING = "gateway.test.user-service-url";

    /** The base URL of the running user-service, starting it on first use. */
    public static String url() {
        synchronized (System.getProperties()) {
            String running = System.getProperty(RUNNING);
            if (running != null) {
                return running;
            }
            start();
            System.setProperty(RUNNING, url);
            return url;
        }
    }

    private static void start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("user-service is not built (" + JAR + " is missing): "
                    + "build user-service first: ./mvnw -pl user-service install -Dmaven.test.skip=true");
        }
        EmbeddedPostgresResource database = new EmbeddedPostgresResource();
        database.init(Map.of("database", "studio_users"));
        database.start();
        int dbPort = EmbeddedPostgresResource.server().getPort();
        int port = freePort();
        url = "http://127.0.0.1:" + port;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(LOG.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("STUDIO_JWT_ISSUER", url);
        env.put("STUDIO_DB_HOST", "localhost");
        env.put("STUDIO_DB_PORT", Integer.toString(dbPort));
        env.put("STUDIO_DB_NAME", "studio_users");
        env.put("STUDIO_DB_USER", "postgres");
        env.put("STUDIO_DB_PASSWORD", "postgres");
        env.put("STUDIO_SESSION_COOKIE_SECURE", "false");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start user-service from " + JAR, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(UserServiceProcess::stop, "stop-user-service"));
        awaitReady();
    }

    private static void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("user-service exited with " + process.exitValue() + "; see " + LOG);
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for user-service", e);
            }
            sleep(250);
        }
        stop();
        throw new IllegalStateException("user-service was not ready within " + START_LIMIT + "; see " + LOG);
    }

    private static synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(15), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
