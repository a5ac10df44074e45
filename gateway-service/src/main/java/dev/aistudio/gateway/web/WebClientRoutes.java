package dev.aistudio.gateway.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.aistudio.gateway.config.GatewayConfig;
import dev.aistudio.gateway.problem.Problems;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * In local mode, the built web client at /: hashed files under /assets/ cached for a year, everything else (above all
 * index.html) revalidated on every load, and any other page path answered with index.html for the client-side router.
 * Without a build, / says so. In the cluster the client is deployed on its own and only /api is served here.
 */
@ApplicationScoped
public class WebClientRoutes {

    private static final long ONE_YEAR = Duration.ofDays(365).toSeconds();
    private static final String NOT_BUILT = """
            AI Studio 3D gateway is running, but the web client is not built yet.

            Build it (see web-client/README.md), then reload this page.
            The API is served under /api.
            """;

    private final GatewayConfig config;

    public WebClientRoutes(GatewayConfig config) {
        this.config = config;
    }

    void register(@Observes Router router) {
        if (config.localMode() && config.webDir().isPresent()) {
            Path root = config.webDir().get().toAbsolutePath().normalize();
            // a wildcard route's prefix is not part of the file path: /assets/x.js -> <root>/assets/x.js
            router.get("/assets/*").handler(StaticHandler.create(FileSystemAccess.ROOT, root.resolve("assets").toString())
                    .setCachingEnabled(true)
                    .setMaxAgeSeconds(ONE_YEAR)
                    .setIncludeHidden(false)
                    .setDirectoryListing(false));
            router.get("/*").handler(this::revalidate).handler(StaticHandler.create(FileSystemAccess.ROOT, root.toString())
                    .setFilesReadOnly(false)
                    .setCachingEnabled(false)
                    .setIncludeHidden(false)
                    .setDirectoryListing(false)
                    .setIndexPage("index.html"));
            router.route("/*").handler(context -> pageFallback(context, root));
        } else {
            router.route("/*").handler(context -> pageFallback(context, null));
        }
    }

    private void revalidate(RoutingContext context) {
        if (!isGatewayPath(context.normalizedPath())) {
            context.response().putHeader("Cache-Control", "no-cache");
        }
        context.next();
    }

    /** Page paths the files did not answer: index.html (client-side routes), or a note when there is no build. */
    private void pageFallback(RoutingContext context, Path root) {
        String path = context.normalizedPath();
        if (isGatewayPath(path)) {
            context.next();
            return;
        }
        boolean page = (context.request().method() == HttpMethod.GET || context.request().method() == HttpMethod.HEAD)
                && !path.startsWith("/assets/");
        Path index = root == null ? null : root.resolve("index.html");
        if (page && index != null && Files.isRegularFile(index)) {
            context.response().putHeader("Cache-Control", "no-cache").putHeader("Content-Type", "text/html; charset=utf-8");
            context.response().sendFile(index.toString());
        } else if (page && config.localMode() && "/".equals(path)) {
            context.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(NOT_BUILT);
        } else {
            Problems.notFound(context);
        }
    }

    /** The gateway's own operations paths, answered by Quarkus' routes. */
    private static boolean isGatewayPath(String path) {
        return path.startsWith("/q/") || "/q".equals(path) || path.startsWith("/api/") || "/api".equals(path);
    }
}
