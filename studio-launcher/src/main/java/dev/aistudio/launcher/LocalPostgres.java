package dev.aistudio.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL (zonky embedded binaries) whose data stays in one folder between runs. */
final class LocalPostgres implements AutoCloseable {

    static final List<String> DATABASES = List.of("studio_users", "studio_chat", "studio_images");

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static LocalPostgres start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        stopLeftover(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setRegisterShutdownHook(false)
                .start();
        LocalPostgres local = new LocalPostgres(postgres);
        local.createDatabases();
        return local;
    }

    int port() {
        return postgres.getPort();
    }

    private void createDatabases() throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String name : DATABASES) {
                var exists = s.executeQuery("select 1 from pg_database where datname = '" + name + "'");
                if (!exists.next()) {
                    s.execute("create database " + name);
                }
            }
        } catch (SQLException e) {
            throw new IOException("could not create the studio databases: " + e.getMessage(), e);
        }
    }

    /**
     * A run that was killed (not stopped) leaves its postmaster running and its pid file behind. Stop that postmaster
     * (fast shutdown), or drop a pid file whose process is gone, so this run can start on the same data.
     */
    static void stopLeftover(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (RuntimeException e) {
            Files.deleteIfExists(pidFile);
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (process.isEmpty()) {
            Console.info("Removing the stale PostgreSQL lock left by an earlier run (pid " + pid + " is gone)");
            Files.deleteIfExists(pidFile);
            return;
        }
        Console.info("Stopping the PostgreSQL that an earlier run left running (pid " + pid + ")");
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            process.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.get().destroyForcibly();
        }
        Files.deleteIfExists(pidFile);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
