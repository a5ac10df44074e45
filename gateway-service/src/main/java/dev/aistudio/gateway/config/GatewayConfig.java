package dev.aistudio.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the gateway can be told; each name maps to an env var (studio.user-service-url -> STUDIO_USER_SERVICE_URL). */
@ConfigMapping(prefix = "studio")
public interface GatewayConfig {

    /** Base URL of user-service: /api/auth/** and the session exchange. */
    @WithDefault("http://localhost:8081")
    URI userServiceUrl();

    /** Base URL of chat-service: /api/chat/**. */
    @WithDefault("http://localhost:8082")
    URI chatServiceUrl();

    /** Base URL of image-service: /api/images/**. */
    @WithDefault("http://localhost:8083")
    URI imageServiceUrl();

    /** One machine, plain HTTP: serve the web client, no HSTS. Off in the cluster. */
    @WithDefault("false")
    boolean localMode();

    /** The built web client (index.html + assets/), served at / in local mode when the folder exists. */
    Optional<Path> webDir();

    /** Browser origins allowed to call the API cross-origin (CORS) and to send unsafe cookie requests (CSRF). */
    Optional<List<String>> clientOrigins();

    Session session();

    Routes routes();

    RateLimit rateLimit();

    Security security();

    Limits limits();

    interface Session {

        /** Mark the gateway's cookies Secure (false only for plain-HTTP local runs). */
        @WithDefault("true")
        boolean cookieSecure();

        /** How long an exchanged token is reused before asking user-service again (also the revocation lag of other replicas). */
        @WithDefault("30S")
        Duration cacheTtl();

        /** Most sessions whose tokens are kept at once. */
        @WithDefault("10000")
        int cacheSize();

        /** How long the session exchange may take before the request fails with 503. */
        @WithDefault("3S")
        Duration exchangeTimeout();
    }

    interface Routes {

        /** Longest wait for a TCP connection to an upstream. */
        @WithDefault("2S")
        Duration connectTimeout();

        /** Most connections to one upstream, shared out evenly among the event loops (each open event stream holds one). */
        @WithDefault("1000")
        int maxConnections();

        /**
         * Longest a pooled connection to a service waits idle for its next request (whole seconds). Keep it below the
         * idle timeout of the service and of anything between (proxy, mesh): a connection the other side is closing
         * just as a request goes out fails that request, and a POST cannot be sent again.
         */
        @WithDefault("20S")
        Duration keepAliveTimeout();

        /** /api/auth/** */
        Route auth();

        /** /api/chat/** */
        Route chat();

        /** /api/images/** */
        Route images();
    }

    interface Route {

        /** Longest a whole exchange may take; text/event-stream responses are exempt once their headers arrived. */
        Duration timeout();

        /** Longest silence (no byte either way) on an exchange, streams included. */
        Duration idleTimeout();

        /** Largest request body accepted. */
        MemorySize maxBodySize();
    }

    interface RateLimit {

        /** Turn the token buckets on or off. */
        @WithDefault("true")
        boolean enabled();

        /** Per client address. */
        Bucket address();

        /** Per session cookie or bearer token. */
        Bucket session();
    }

    interface Bucket {

        /** Burst size: requests allowed at once. */
        int capacity();

        /** Time in which a drained bucket refills completely. */
        Duration period();
    }

    interface Limits {

        /**
         * Longest request URI (path and query) accepted; longer answers 414. Below a service's own 4096-character
         * request line with the method and HTTP version around it.
         */
        @WithDefault("4000")
        int maxUriLength();

        /**
         * Largest request header block accepted; larger answers 431. Below a service's own 20K, leaving room for the
         * headers the gateway adds (bearer token, request id, forwarded-for).
         */
        @WithDefault("16K")
        MemorySize maxHeaderSize();
    }

    interface Security {

        /** Content-Security-Policy of every response (fits a Vite React app with WebGL, blob: and data: images). */
        String contentSecurityPolicy();

        /** Strict-Transport-Security, sent outside local mode only. */
        @WithDefault("max-age=31536000; includeSubDomains")
        String hsts();

        /** Referrer-Policy of every response. */
        @WithDefault("strict-origin-when-cross-origin")
        String referrerPolicy();
    }
}
