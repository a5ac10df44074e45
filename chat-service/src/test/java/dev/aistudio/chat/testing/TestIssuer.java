package dev.aistudio.chat.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;

/**
 * A stand-in for user-service's issuer: an OIDC discovery document and a JWKS on a random port, and RS256 tokens
 * signed with its key, so chat-service checks tokens with quarkus-oidc exactly as in production.
 */
public class TestIssuer implements QuarkusTestResourceLifecycleManager {

    private static RsaJsonWebKey key;
    private static String issuer;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("test-key");
            key.setAlgorithm("RS256");
            key.setUse("sig");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/.well-known/openid-configuration", exchange -> json(exchange, "{\"issuer\":\"" + issuer
                + "\",\"jwks_uri\":\"" + issuer + "/jwks\",\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"subject_types_supported\":[\"public\"],\"response_types_supported\":[\"code\"]}"));
        server.createContext("/jwks", exchange -> json(exchange,
                "{\"keys\":[" + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}"));
        server.start();
        return Map.of("studio.jwt.issuer", issuer, "quarkus.oidc.auth-server-url", issuer);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A valid bearer token for the user. */
    public static String token(UUID user) {
        return token(user.toString(), "ai-studio");
    }

    public static String token(String subject, String audience) {
        return Jwt.issuer(issuer).subject(subject).audience(audience).claim("sid", UUID.randomUUID().toString())
                .expiresIn(600).jws().keyId(key.getKeyId()).sign(key.getPrivateKey());
    }

    /** A token for the user that expires at {@code expiresAt} (JWT {@code exp}, whole seconds). */
    public static String token(UUID user, Instant expiresAt) {
        return Jwt.issuer(issuer).subject(user.toString()).audience("ai-studio").claim("sid", UUID.randomUUID().toString())
                .expiresAt(expiresAt).jws().keyId(key.getKeyId()).sign(key.getPrivateKey());
    }

    /** A token like {@link #token(UUID)}, under the issuer's key id, but signed with another key. */
    public static String forgedToken(UUID user) {
        try {
            RsaJsonWebKey other = RsaJwkGenerator.generateJwk(2048);
            return Jwt.issuer(issuer).subject(user.toString()).audience("ai-studio")
                    .claim("sid", UUID.randomUUID().toString()).expiresIn(600).jws().keyId(key.getKeyId())
                    .sign(other.getPrivateKey());
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
