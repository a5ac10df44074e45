package dev.aistudio.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./studio run}: one real PostgreSQL and the four services on this machine, stopped together on Ctrl-C.
 * {@code ./studio postgres}: only the database (for dev mode and for running one service by hand).
 */
public final class Studio {

    private final Settings settings;
    private final List<ServiceProcess> services = new ArrayList<>();
    private LocalPostgres postgres;

    private Studio(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        List<String> arguments = Arrays.asList(args);
        String command = arguments.isEmpty() || arguments.get(0).startsWith("--") ? "run" : arguments.get(0);
        try {
            Path home = Path.of(System.getProperty("studio.home", ".")).toAbsolutePath().normalize();
            Settings settings = Settings.from(arguments, System.getenv(), home);
            Studio studio = new Studio(settings);
            switch (command) {
                case "run" -> studio.run(true);
                case "postgres" -> studio.run(false);
                default -> throw new Settings.UsageException("unknown command '" + command + "' (run | postgres)");
            }
        } catch (Settings.UsageException e) {
            Console.error(e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            Console.error(e.getMessage());
            System.exit(1);
        }
    }

    private void run(boolean withServices) throws Exception {
        Files.createDirectories(settings.dataDir());
        stopLeftoverServices();
        LocalPostgres.stopLeftover(settings.postgresDir());
        checkPortsFree(withServices);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "studio-shutdown"));

        Console.info("Starting PostgreSQL on port " + settings.ports().postgres() + " (data: " + settings.postgresDir() + ")");
        postgres = LocalPostgres.start(settings.postgresDir(), settings.ports().postgres());
        Console.info("PostgreSQL is up; databases: " + String.join(", ", LocalPostgres.DATABASES));
        if (!withServices) {
            Console.info("Press Ctrl-C to stop.");
            new CountDownLatch(1).await();
            return;
        }

        Settings.Ports p = settings.ports();
        start("user-service", p.user(), "studio_users");
        start("chat-service", p.chat(), "studio_chat");
        start("image-service", p.image(), "studio_images");
        start("gateway-service", p.gateway(), null);
        writePidFile();
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(180));
            Console.info(service.name() + " is ready on port " + service.port());
        }
        Console.info("");
        Console.info("AI Studio 3D is running at http://localhost:" + p.gateway() + "   (Ctrl-C stops everything)");
        Console.info("Logs: " + settings.logDir());
        new CountDownLatch(1).await();
    }

    private void start(String name, int port, String database) throws IOException {
        Path jar = settings.home().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        services.add(ServiceProcess.start(name, jar, settings.host(), port, environment(database), settings.logDir()));
    }

    /** The configuration every service gets; names are the ones in the README's configuration table. */
    private Map<String, String> environment(String database) {
        Settings.Ports p = settings.ports();
        String local = "http://" + settings.host() + ":";
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STUDIO_DB_HOST", "127.0.0.1");
        env.put("STUDIO_DB_PORT", Integer.toString(postgres.port()));
        env.put("STUDIO_DB_USER", "postgres");
        env.put("STUDIO_DB_PASSWORD", "postgres");
        if (database != null) {
            env.put("STUDIO_DB_NAME", database);
        }
        env.put("STUDIO_JWT_ISSUER", local + p.user());
        env.put("STUDIO_USER_SERVICE_URL", local + p.user());
        env.put("STUDIO_CHAT_SERVICE_URL", local + p.chat());
        env.put("STUDIO_IMAGE_SERVICE_URL", local + p.image());
        env.put("STUDIO_LOCAL_MODE", "true");
        env.put("STUDIO_SESSION_COOKIE_SECURE", "false");
        env.put("STUDIO_WEB_DIR", settings.home().resolve("web-client/dist").toString());
        return env;
    }

    private void checkPortsFree(boolean withServices) {
        Settings.Ports p = settings.ports();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("PostgreSQL (STUDIO_PG_PORT / --pg-port)", p.postgres());
        if (withServices) {
            wanted.put("the gateway (STUDIO_PORT / --port)", p.gateway());
            wanted.put("user-service (STUDIO_USER_PORT)", p.user());
            wanted.put("chat-service (STUDIO_CHAT_PORT)", p.chat());
            wanted.put("image-service (STUDIO_IMAGE_PORT)", p.image());
        }
        for (var entry : wanted.entrySet()) {
            if (!isFree(entry.getValue())) {
                throw new Settings.UsageException("port " + entry.getValue() + " is already in use; it is needed for "
                        + entry.getKey() + ". Stop whatever uses it, or choose another port.");
            }
        }
    }

    private boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(settings.host()), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Services of a run that was killed outright outlive it; stop them so their ports and database are free. */
    private void stopLeftoverServices() throws IOException {
        Path pidFile = settings.pidFile();
        if (!Files.exists(pidFile)) {
            return;
        }
        for (String line : Files.readAllLines(pidFile)) {
            try {
                ProcessHandle.of(Long.parseLong(line.trim()))
                        .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains("-Dai.studio.service="))
                                .orElse(false))
                        .ifPresent(h -> {
                            Console.info("Stopping a service left running by an earlier run (pid " + h.pid() + ")");
                            h.destroy();
                            h.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS)
                                    .exceptionally(t -> {
                                        h.destroyForcibly();
                                        return h;
                                    }).join();
                        });
            } catch (NumberFormatException ignored) {
                // not a pid
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private void writePidFile() throws IOException {
        List<String> pids = services.stream().map(s -> Long.toString(s.pid())).toList();
        Files.write(settings.pidFile(), pids);
    }

    private void stopAll() {
        Console.info("Stopping...");
        services.forEach(ServiceProcess::signalStop);
        services.forEach(service -> service.awaitStop(Duration.ofSeconds(20)));
        try {
            Files.deleteIfExists(settings.pidFile());
        } catch (IOException ignored) {
            // best effort
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                Console.error("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
        Console.info("Stopped.");
    }
}
