package dev.aistudio.launcher;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./studio dev}: each service as {@code ./mvnw -pl <service> quarkus:dev} (live reload) and the web client on
 * the Vite dev server (hot module replacement), with the same configuration as {@code ./studio run}.
 */
final class DevMode {

    /** The order of the debugger ports: the first debug port goes to user-service, the next to chat-service... */
    static final List<String> SERVICES = List.of("user-service", "chat-service", "image-service", "gateway-service");

    private final Settings settings;

    DevMode(Settings settings) {
        this.settings = settings;
    }

    /** Fails before anything starts when the pieces dev mode runs are missing. */
    void checkInstalled() {
        if (!Files.isExecutable(mavenWrapper())) {
            throw new Settings.UsageException("dev mode needs the Maven wrapper at " + mavenWrapper());
        }
        if (!Files.isExecutable(vite())) {
            throw new Settings.UsageException("the web client's packages are not installed (" + vite()
                    + " is missing): run `npm ci` in web-client, or start dev mode with ./studio dev, which does");
        }
    }

    /** Where the page is served: what a person opens. */
    String pageUrl() {
        return "http://localhost:" + settings.dev().webPort();
    }

    /** Maven running one service in dev mode; {@code env} is what {@code ./studio run} gives the service. */
    ServiceProcess startService(String name, int port, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(mavenWrapper().toString(), "-B", "--no-transfer-progress",
                "-pl", name, "quarkus:dev",
                // Marks the process as the launcher's, like -Dai.studio.service= on the JVM of ./studio run.
                "-Dai.studio.service=" + name,
                // Four dev-mode JVMs would all want the debugger on 5005: off, or one port each when asked for.
                debugOption(name),
                "-Dquarkus.analytics.disabled=true",
                // Continuous testing is off, so the tests need not compile: one compile less per service at start.
                "-Dmaven.test.skip=true",
                "-Djvm.args=-Xms64m -Xmx512m -XX:+UseSerialGC -Dai.studio.dev-service=" + name));
        if (settings.dev().debugPort() != 0) {
            command.add("-DdebugHost=" + settings.host());
        }
        Map<String, String> all = new LinkedHashMap<>(env);
        all.putAll(devEnvironment());
        if (name.equals("gateway-service")) {
            all.putAll(patientGateway());
        }
        all.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        all.put("QUARKUS_HTTP_HOST", settings.host());
        URI ready = URI.create("http://" + settings.host() + ":" + port + "/q/health/ready");
        return ServiceProcess.start(name, command, settings.home(), all, ready, port, settings.logDir());
    }

    /** The Vite dev server, proxying /api to the gateway (web-client/vite.config.ts). */
    ServiceProcess startWeb() throws IOException {
        int port = settings.dev().webPort();
        List<String> command = List.of(vite().toString(), "--port", Integer.toString(port), "--strictPort",
                "--host", settings.host(), "--clearScreen", "false");
        Map<String, String> env = Map.of("STUDIO_GATEWAY_URL",
                "http://" + settings.host() + ":" + settings.ports().gateway());
        URI ready = URI.create("http://" + settings.host() + ":" + port + "/");
        return ServiceProcess.start("web-client", command, settings.home().resolve("web-client"), env, ready, port,
                settings.logDir());
    }

    /** Ports dev mode needs besides those of ./studio run, named for the busy-port message. */
    Map<String, Integer> extraPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("the Vite dev server (STUDIO_WEB_PORT / --web-port)", settings.dev().webPort());
        if (settings.dev().debugPort() != 0) {
            for (String name : SERVICES) {
                ports.put("the debugger of " + name + " (STUDIO_DEBUG_PORT / --debug-port)", debugPort(name));
            }
        }
        return ports;
    }

    /** True for a process that an earlier dev run started: Vite (Maven carries -Dai.studio.service=). */
    boolean isWebServer(ProcessHandle process) {
        String vite = vite().toString();
        return process.info().arguments().map(a -> String.join(" ", a).contains(vite)).orElse(false)
                || process.info().command().map(c -> c.equals(vite)).orElse(false);
    }

    /**
     * What dev mode adds to every service: no Docker dev services, no interactive console or continuous testing
     * (nobody types into four consoles at once), and the Vite origin allowed for cookies and CSRF.
     */
    private Map<String, String> devEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DEVSERVICES_ENABLED", "false");
        env.put("QUARKUS_CONSOLE_ENABLED", "false");
        env.put("QUARKUS_TEST_CONTINUOUS_TESTING", "disabled");
        env.put("QUARKUS_ANALYTICS_DISABLED", "true");
        // Four services compile and start at once: on a busy machine Flyway's first connection can take longer than
        // the 5 s default, and a dev-mode service that failed to start waits for a code change.
        env.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "60S");
        int web = settings.dev().webPort();
        env.put("STUDIO_CLIENT_ORIGINS", "http://localhost:" + web + ",http://127.0.0.1:" + web);
        // Four Maven JVMs stay up next to their services: keep them small unless the person chose otherwise.
        String mavenOpts = System.getenv("MAVEN_OPTS");
        env.put("MAVEN_OPTS", mavenOpts != null && !mavenOpts.isBlank() ? mavenOpts
                : "-Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        return env;
    }

    /**
     * A service answers its first request after an edit only once it has recompiled and restarted (seconds, more on a
     * busy machine), so the gateway waits longer than its production limits (3 s session exchange, 10 s auth route)
     * instead of answering 503/504 right after every change.
     */
    private static Map<String, String> patientGateway() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STUDIO_SESSION_EXCHANGE_TIMEOUT", "60S");
        env.put("QUARKUS_REST_CLIENT_USER_SERVICE_READ_TIMEOUT", "60000");
        for (String route : List.of("AUTH", "CHAT", "IMAGES")) {
            env.put("STUDIO_ROUTES_" + route + "_TIMEOUT", "2M");
            env.put("STUDIO_ROUTES_" + route + "_IDLE_TIMEOUT", "2M");
        }
        return env;
    }

    private String debugOption(String name) {
        return settings.dev().debugPort() == 0 ? "-Ddebug=false" : "-Ddebug=" + debugPort(name);
    }

    private int debugPort(String name) {
        return settings.dev().debugPort() + SERVICES.indexOf(name);
    }

    private Path mavenWrapper() {
        return settings.home().resolve("mvnw");
    }

    private Path vite() {
        return settings.home().resolve("web-client/node_modules/.bin/vite");
    }
}
