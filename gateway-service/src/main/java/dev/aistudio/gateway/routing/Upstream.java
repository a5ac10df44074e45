package dev.aistudio.gateway.routing;

import java.net.URI;

import dev.aistudio.gateway.config.GatewayConfig;

/** One service behind the gateway: the public path prefix it owns, where it lives, and the limits of its route. */
public record Upstream(String name, String prefix, URI base, UpstreamClients clients, GatewayConfig.Route route) {

    public boolean owns(String path) {
        return path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1));
    }

    public String host() {
        return base.getHost();
    }

    public int port() {
        if (base.getPort() > 0) {
            return base.getPort();
        }
        return "https".equals(base.getScheme()) ? 443 : 80;
    }
}
