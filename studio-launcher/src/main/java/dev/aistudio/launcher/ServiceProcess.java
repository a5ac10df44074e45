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

/**
 * One child process of the local stack (a Quarkus service, or in dev mode Maven running one and the Vite dev server):
 * its output prefixed on the console and kept in a log file, ready when a URL answers 200, stopped with its children.
 */
final class ServiceProcess {

    // HTTP/1.1: the default h2c upgrade offer makes the Vite dev server take the request for a websocket and hang.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final URI readyUrl;
    private final Process process;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private List<ProcessHandle> stopping = List.of();
    private volatile boolean startFailed;

    private ServiceProcess(String name, URI readyUrl, int port, Process process) {
        this.name = name;
        this.readyUrl = readyUrl;
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
        Map<String, String> withPort = new java.util.HashMap<>(env);
        withPort.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        withPort.put("QUARKUS_HTTP_HOST", host);
        return start(name, command, null, withPort, URI.create("http://" + host + ":" + port + "/q/health/ready"), port,
                logDir);
    }

    /** Any command (run in {@code dir}, or the launcher's folder when null), ready when {@code readyUrl} answers 200. */
    static ServiceProcess start(String name, List<String> command, Path dir, Map<String, String> env, URI readyUrl,
            int port, Path logDir) throws IOException {
        Files.createDirectories(logDir);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        builder.environment().putAll(env);
        ServiceProcess service = new ServiceProcess(name, readyUrl, port, builder.start());
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

    /** Waits until the ready URL (/q/health/ready) answers 200; fails early, with the last lines, if it exits. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        awaitReady(timeout, null);
    }

    /**
     * The same, for a process that stays up when its application fails to start (Quarkus dev mode, which starts it again
     * after the next change): says {@code hint} once when that happens, and goes on waiting.
     */
    void awaitReady(Duration timeout, String hint) throws IOException, InterruptedException {
        boolean hinted = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(readyUrl).timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " stopped during start-up (exit " + process.exitValue() + "). Last lines:\n"
                        + String.join("\n", lastLines()));
            }
            if (startFailed && hint != null && !hinted) {
                Console.error(name + " did not start (its lines above say why). " + hint);
                hinted = true;
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

    /** SIGTERM to the process and its children (Maven's dev-mode JVM, Vite's workers): Quarkus shuts down gracefully. */
    void signalStop() {
        stopping = signalTree(process.toHandle());
    }

    /** Waits for the exits that {@link #signalStop()} asked for, then kills whatever takes too long. */
    void awaitStop(Duration grace) {
        awaitTree(stopping.isEmpty() ? List.of(process.toHandle()) : stopping, grace);
    }

    /** SIGTERM to a process and everything below it; answers all of them, to wait for. */
    static List<ProcessHandle> signalTree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(0, root);
        tree.forEach(ProcessHandle::destroy);
        return tree;
    }

    /** Waits up to {@code grace} for every process of the tree to end, then kills the rest. */
    static void awaitTree(List<ProcessHandle> tree, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            for (ProcessHandle handle : tree) {
                long left = Math.max(0, deadline - System.nanoTime());
                try {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    handle.destroyForcibly();
                }
            }
            for (ProcessHandle handle : tree) {
                handle.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // killed; nothing more to do
        }
    }

    private void pump(Path logFile) throws IOException {
        String prefix = String.format("[%-7s] ", name.replace("-service", "").replace("-client", ""));
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true);
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)); log) {
                String line;
                while ((line = in.readLine()) != null) {
                    log.println(line);
                    remember(line);
                    if (line.contains("Failed to start application")) {
                        startFailed = true;
                    }
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
