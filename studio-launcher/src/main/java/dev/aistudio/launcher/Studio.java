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
 * {@code ./studio dev}: the same database and configuration, the services in Quarkus dev mode and the Vite dev server.
 * {@code ./studio postgres}: only the database (for running one service by hand).
 */
public final class Studio {

    private enum Mode { RUN, DEV, POSTGRES }

    private final Settings settings;
    private final DevMode devMode;
    private final List<ServiceProcess> services = new ArrayList<>();
    private LocalPostgres postgres;

    private Studio(Settings settings) {
        this.settings = settings;
        this.devMode = new DevMode(settings);
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
                case "run" -> studio.run(Mode.RUN);
                case "dev" -> studio.run(Mode.DEV);
                case "postgres" -> studio.run(Mode.POSTGRES);
                default -> throw new Settings.UsageException("unknown command '" + command + "' (run | dev | postgres)");
            }
        } catch (Settings.UsageException e) {
            Console.error(e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            Console.error(e.getMessage());
            System.exit(1);
        }
    }

    private void run(Mode mode) throws Exception {
        Files.createDirectories(settings.dataDir());
        stopLeftoverServices();
        LocalPostgres.stopLeftover(settings.postgresDir());
        checkPortsFree(mode);
        if (mode == Mode.DEV) {
            devMode.checkInstalled();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "studio-shutdown"));

        Console.info("Starting PostgreSQL on port " + settings.ports().postgres() + " (data: " + settings.postgresDir() + ")");
        postgres = LocalPostgres.start(settings.postgresDir(), settings.ports().postgres());
        Console.info("PostgreSQL is up; databases: " + String.join(", ", LocalPostgres.DATABASES));
        if (mode == Mode.POSTGRES) {
            Console.info("Press Ctrl-C to stop.");
            new CountDownLatch(1).await();
            return;
        }

        Settings.Ports p = settings.ports();
        if (mode == Mode.DEV) {
            Console.info("Starting the four services in Quarkus dev mode and the Vite dev server (each service compiles "
                    + "first: a few minutes on two cores)");
        }
        start(mode, "user-service", p.user(), "studio_users");
        start(mode, "chat-service", p.chat(), "studio_chat");
        start(mode, "image-service", p.image(), "studio_images");
        start(mode, "gateway-service", p.gateway(), null);
        if (mode == Mode.DEV) {
            services.add(devMode.startWeb());
        }
        writePidFile();
        // Dev mode compiles every service first, four at once: give it far longer than the built jars need.
        Duration timeout = Duration.ofSeconds(mode == Mode.DEV ? 900 : 180);
        String hint = mode == Mode.DEV ? "Dev mode starts it again on its next request once a file changed: fix the cause "
                + "(or touch one of its sources); still waiting." : null;
        for (ServiceProcess service : services) {
            service.awaitReady(timeout, hint);
            Console.info(service.name() + " is ready on port " + service.port());
        }
        Console.info("");
        if (mode == Mode.DEV) {
            Console.info("AI Studio 3D (dev) is running at " + devMode.pageUrl() + "   (Ctrl-C stops everything)");
            Console.info("Edits show without a restart: the page updates itself; a service reloads on its next request.");
        } else {
            Console.info("AI Studio 3D is running at http://localhost:" + p.gateway() + "   (Ctrl-C stops everything)");
        }
        Console.info("Logs: " + settings.logDir());
        new CountDownLatch(1).await();
    }

    private void start(Mode mode, String name, int port, String database) throws IOException {
        if (mode == Mode.DEV) {
            services.add(devMode.startService(name, port, environment(database)));
            return;
        }
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

    private void checkPortsFree(Mode mode) {
        Settings.Ports p = settings.ports();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("PostgreSQL (STUDIO_PG_PORT / --pg-port)", p.postgres());
        if (mode != Mode.POSTGRES) {
            wanted.put("the gateway (STUDIO_PORT / --port)", p.gateway());
            wanted.put("user-service (STUDIO_USER_PORT)", p.user());
            wanted.put("chat-service (STUDIO_CHAT_PORT)", p.chat());
            wanted.put("image-service (STUDIO_IMAGE_PORT)", p.image());
        }
        if (mode == Mode.DEV) {
            wanted.putAll(devMode.extraPorts());
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

    /**
     * Services of a run that was killed outright outlive it; stop them (with their children: a dev-mode service's JVM
     * under Maven) so their ports and database are free.
     */
    private void stopLeftoverServices() throws IOException {
        Path pidFile = settings.pidFile();
        if (!Files.exists(pidFile)) {
            return;
        }
        for (String line : Files.readAllLines(pidFile)) {
            try {
                ProcessHandle.of(Long.parseLong(line.trim()))
                        .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains("-Dai.studio.service="))
                                .orElse(false) || devMode.isWebServer(h))
                        .ifPresent(h -> {
                            Console.info("Stopping a process left running by an earlier run (pid " + h.pid() + ")");
                            ServiceProcess.awaitTree(ServiceProcess.signalTree(h), Duration.ofSeconds(20));
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
