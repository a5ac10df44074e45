package dev.aistudio.chat.generation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.aistudio.testing.EmbeddedPostgresResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ConnectionWarmUpTest {

    @ConfigProperty(name = "studio.chat.warm-connections")
    int warmConnections;

    @Test
    void everyPooledConnectionIsOpenedAndHasRunTheStartStatementsBeforeTheFirstRequest() throws Exception {
        assertTrue(warmConnections >= 16, "the pool's size by default, was " + warmConnections);
        try (Connection c = EmbeddedPostgresResource.server().getDatabase("postgres", "studio_chat").getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select count(*), count(*) filter (where query like"
                        + " '%lock_owner_count_streaming%') from pg_stat_activity where datname = 'studio_chat'"
                        + " and pid <> pg_backend_pid()")) {
            rows.next();
            // the request pool's connections (warmed), the upkeep pool's, the LISTEN connection
            assertTrue(rows.getLong(1) >= warmConnections, "connections open: " + rows.getLong(1));
            // each warmed connection's last statement was the start's write, unless a test has used it since
            assertTrue(rows.getLong(2) >= 1, "connections whose last statement was a start: " + rows.getLong(2));
        }
    }
}
