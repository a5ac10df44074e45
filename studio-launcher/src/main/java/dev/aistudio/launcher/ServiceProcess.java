package dev.aistudio.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Quarkus service as a child JVM: its output prefixed on the console and kept in a log file. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final String host;
    private final Process process;
    private final Deque<String> lastLines = new ArrayDeque<>();

    private ServiceProcess(String name, String host, int port, Process process) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.process = process;
    }

    static ServiceProcess start(String name, Path jar, String host, int port, Map<String, String> env, Path logDir)
            throws IOException {
        if (!Files.exists(jar)) {
            throw new IOException(name + " is not built (" + jar + " is missing): run ./studio run, which builds it");
        }
        Files.createDirectories(logDir);
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(), "-Dai.studio.service=" + name,
                "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", host);
        ServiceProcess service = new ServiceProcess(name, host, port, builder.start());
        service.pump(logDir.resolve(name + ".log"));
        return service;
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** Waits until /q/health/ready answers 200; fails early, with the service's last lines, if it exits. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " stopped during start-up (exit " + process.exitValue() + "). Last lines:\n"
                        + String.join("\n", lastLines()));
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IOException(name + " was not ready within " + timeout.toSeconds() + " s. Last lines:\n"
                + String.join("\n", lastLines()));
    }

    /** SIGTERM: Quarkus shuts down gracefully. */
    void signalStop() {
        process.destroy();
    }

    /** Waits for the exit that {@link #signalStop()} asked for, then kills the process if it takes too long. */
    void awaitStop(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void pump(Path logFile) throws IOException {
        String prefix = String.format("[%-7s] ", name.replace("-service", ""));
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true);
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)); log) {
                String line;
                while ((line = in.readLine()) != null) {
                    log.println(line);
                    remember(line);
                    Console.line(prefix, line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    private synchronized void remember(String line) {
        lastLines.addLast(line);
        if (lastLines.size() > 30) {
            lastLines.removeFirst();
        }
    }

    private synchronized List<String> lastLines() {
        return new ArrayList<>(lastLines);
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
