package dev.aistudio.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.aistudio.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;

/** The three services behind the gateway, each with its own pooled HTTP clients (one per event loop). */
@ApplicationScoped
public class Upstreams {

    private final List<Upstream> all;

    public Upstreams(Vertx vertx, GatewayConfig config) {
        GatewayConfig.Routes routes = config.routes();
        this.all = List.of(
                create(vertx, routes, "user-service", "/api/auth/", config.userServiceUrl(), routes.auth()),
                create(vertx, routes, "chat-service", "/api/chat/", config.chatServiceUrl(), routes.chat()),
                create(vertx, routes, "image-service", "/api/images/", config.imageServiceUrl(), routes.images()));
    }

    public List<Upstream> all() {
        return all;
    }

    public Optional<Upstream> forPath(String path) {
        return all.stream().filter(upstream -> upstream.owns(path)).findFirst();
    }

    @PreDestroy
    void close() {
        all.forEach(upstream -> upstream.clients().close());
    }

    /** Quarkus' event loops: its setting, or its default of two per processor. */
    private static int eventLoops() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.vertx.event-loops-pool-size", Integer.class)
                .orElse(2 * Runtime.getRuntime().availableProcessors());
    }

    private static Upstream create(Vertx vertx, GatewayConfig.Routes routes, String name, String prefix, URI base,
            GatewayConfig.Route route) {
        HttpClientOptions options = new HttpClientOptions()
                .setSsl("https".equals(base.getScheme()))
                .setKeepAlive(true)
                // an idle pooled connection is dropped by us well before the service's idle timeout could close it
                // under a request (Vert.x' default is 60 s; a service's "Keep-Alive: timeout=n" still lowers it)
                .setKeepAliveTimeout((int) Math.max(1, routes.keepAliveTimeout().toSeconds()))
                .setMaxPoolSize(Math.max(1, (routes.maxConnections() + eventLoops() - 1) / eventLoops()))
                .setConnectTimeout((int) routes.connectTimeout().toMillis())
                // no byte either way for this long closes the connection: the idle timeout of streams too
                .setIdleTimeout((int) route.idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                // bytes travel as the service sent them: no decompression, no re-encoding
                .setDecompressionSupported(false)
                .setName("gateway-" + name);
        return new Upstream(name, prefix, base, new UpstreamClients(vertx, options), route);
    }
}
