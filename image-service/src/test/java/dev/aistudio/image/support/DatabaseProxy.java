package dev.aistudio.image.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.aistudio.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A TCP proxy between the service's reactive connections and the embedded PostgreSQL that can be made to black-hole
 * traffic, as a network partition or a failover that sent no RST does: the connections stay open, every byte sent is
 * swallowed and nothing ever comes back. Restoring lets new connections through; the black-holed ones stay dead for
 * good (their server is gone). Flyway's JDBC URL is left alone. Controlled through (string) system properties, so tests
 * reach it from any class loader.
 */
public class DatabaseProxy implements QuarkusTestResourceLifecycleManager {

    /** "true" while new connections are black-holed. */
    private static final String BLACK_HOLE = "ai.studio.test-db-proxy.black-hole";
    /** Connections opened before this (epoch millis) are dead. */
    private static final String DEAD_BEFORE = "ai.studio.test-db-proxy.dead-before";
    private static final String ACCEPTED = "ai.studio.test-db-proxy.accepted";

    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(BLACK_HOLE, "false");
        System.setProperty(DEAD_BEFORE, "0");
        System.setProperty(ACCEPTED, "0");
        Thread acceptor = new Thread(this::accept, "db-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("quarkus.datasource.reactive.url", "postgresql://localhost:" + server.getLocalPort() + "/studio_images");
    }

    /** After the embedded PostgreSQL's resource, so this reactive URL is the one that counts. */
    @Override
    public int order() {
        return 100;
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        links.forEach(Link::close);
    }

    /** From now on every byte on every open connection, and on every new one, is swallowed. */
    public static void startBlackHole() {
        System.setProperty(BLACK_HOLE, "true");
        System.setProperty(DEAD_BEFORE, Long.toString(System.currentTimeMillis() + 1));
    }

    /** New connections get through again; the black-holed ones stay dead. */
    public static void endBlackHole() {
        System.setProperty(BLACK_HOLE, "false");
    }

    /** Connections the proxy accepted so far. */
    public static int accepted() {
        return Integer.getInteger(ACCEPTED, 0);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                System.setProperty(ACCEPTED, Integer.toString(accepted.incrementAndGet()));
                Link link = new Link(client);
                links.add(link);
                if (Boolean.getBoolean(BLACK_HOLE)) {
                    link.dead.set(true);
                    link.pump(client, null);
                } else {
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), EmbeddedPostgresResource.server().getPort());
                    link.upstream = upstream;
                    link.pump(client, upstream);
                    link.pump(upstream, client);
                }
            } catch (IOException e) {
                // the server closed, or one connection failed: the others go on
            }
        }
    }

    /** One proxied connection; once dead it reads and drops everything, and never closes by itself. */
    private static final class Link {
        final Socket client;
        final long opened = System.currentTimeMillis();
        volatile Socket upstream;
        final AtomicBoolean dead = new AtomicBoolean();

        boolean dead() {
            if (!dead.get() && opened < Long.getLong(DEAD_BEFORE, 0)) {
                dead.set(true);
            }
            return dead.get();
        }

        Link(Socket client) {
            this.client = client;
        }

        void pump(Socket from, Socket to) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16384];
                try (InputStream in = from.getInputStream()) {
                    OutputStream out = to == null ? null : to.getOutputStream();
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        if (!dead() && out != null) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    }
                } catch (IOException e) {
                    // one side went away
                }
                if (!dead() || from == client) {
                    close(); // a dead link still frees its sockets once the service closed its end
                }
            }, "db-proxy-pump");
            thread.setDaemon(true);
            thread.start();
        }

        void close() {
            try {
                client.close();
                if (upstream != null) {
                    upstream.close();
                }
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
