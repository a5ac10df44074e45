package dev.aistudio.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;

/** The three services behind the gateway, each with its own pooled HTTP client. */
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
        all.forEach(upstream -> upstream.client().close());
    }

    private static Upstream create(Vertx vertx, GatewayConfig.Routes routes, String name, String prefix, URI base,
            GatewayConfig.Route route) {
        HttpClientOptions options = new HttpClientOptions()
                .setSsl("https".equals(base.getScheme()))
                .setKeepAlive(true)
                .setMaxPoolSize(routes.maxConnections())
                .setConnectTimeout((int) routes.connectTimeout().toMillis())
                // no byte either way for this long closes the connection: the idle timeout of streams too
                .setIdleTimeout((int) route.idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                // bytes travel as the service sent them: no decompression, no re-encoding
                .setDecompressionSupported(false)
                .setName("gateway-" + name);
        HttpClient client = vertx.createHttpClient(options);
        return new Upstream(name, prefix, base, client, route);
    }
}
