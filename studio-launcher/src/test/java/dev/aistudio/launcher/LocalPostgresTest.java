package dev.aistudio.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local database keeps its data between runs and starts again after a run that was killed outright. */
class LocalPostgresTest {

    @TempDir
    Path dataDir;

    @Test
    void dataSurvivesARestartAndTheStudioDatabasesExist() throws Exception {
        int port = freePort();
        try (LocalPostgres pg = LocalPostgres.start(dataDir, port)) {
            sql(port, "studio_chat", "create table kept (v text); insert into kept values ('still here')");
        }
        try (LocalPostgres pg = LocalPostgres.start(dataDir, port)) {
            assertEquals("still here", query(port, "studio_chat", "select v from kept"));
            for (String db : LocalPostgres.DATABASES) {
                assertEquals(db, query(port, db, "select current_database()"));
            }
        }
    }

    @Test
    void aRunKilledWithSigkillLeavesPostgresBehindAndTheNextRunRecovers() throws Exception {
        int port = freePort();
        Process crashed = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                Studio.class.getName(), "postgres", "--data-dir", dataDir.toString(), "--pg-port", Integer.toString(port))
                .redirectErrorStream(true).start();
        awaitLine(crashed, "PostgreSQL is up");
        sql(port, "studio_users", "create table before_crash (v int); insert into before_crash values (42)");

        crashed.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        assertTrue(Files.exists(pidFile), "the killed run left its postmaster (and lock) behind");

        try (LocalPostgres pg = LocalPostgres.start(dataDir.resolve("postgres"), port)) {
            assertEquals("42", query(port, "studio_users", "select v from before_crash"));
        }
        assertTrue(Files.notExists(pidFile), "a clean stop removes the lock");
    }

    @Test
    void aStalePidFileWhoseProcessIsGoneIsRemoved() throws Exception {
        int port = freePort();
        try (LocalPostgres pg = LocalPostgres.start(dataDir, port)) {
            // just initialise the data folder
        }
        Files.write(dataDir.resolve("postmaster.pid"), List.of("999999", dataDir.toString()));
        try (LocalPostgres pg = LocalPostgres.start(dataDir, port)) {
            assertEquals("1", query(port, "postgres", "select 1"));
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitLine(Process process, String text) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            if (line.contains(text)) {
                return;
            }
        }
        throw new AssertionError("never printed '" + text + "'");
    }

    private static void sql(int port, String db, String sql) throws Exception {
        try (Connection c = connect(port, db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(int port, String db, String sql) throws Exception {
        try (Connection c = connect(port, db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection connect(int port, String db) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + db, "postgres", "");
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
