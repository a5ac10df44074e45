package dev.aistudio.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for user-service's token issuer in a service's own tests: a WireMock server speaking OIDC discovery and
 * JWKS, and RS256 tokens shaped like user-service's ({@code sub}, {@code sid}, {@code aud} "ai-studio"). The service
 * under test checks them with quarkus-oidc exactly as it checks real ones. The key and URL are kept in system
 * properties so test code sees the same issuer whatever class loader it runs in.
 */
public class TestIssuer implements QuarkusTestResourceLifecycleManager {

    private static final String KEY_PROPERTY = "ai.studio.test-issuer.jwk";
    private static final String URL_PROPERTY = "ai.studio.test-issuer.url";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("test-" + UUID.randomUUID());
            key.setAlgorithm("RS256");
            key.setUse("sig");
            server = new WireMockServer(wireMockConfig().dynamicPort());
            server.start();
            String issuer = "http://localhost:" + server.port();
            server.stubFor(get("/.well-known/openid-configuration").willReturn(aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/.well-known/jwks.json\","
                            + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}")));
            server.stubFor(get("/.well-known/jwks.json").willReturn(aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"keys\":[" + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}")));
            System.setProperty(KEY_PROPERTY, key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            System.setProperty(URL_PROPERTY, issuer);
            return Map.of("quarkus.oidc.auth-server-url", issuer, "quarkus.oidc.token.audience", "ai-studio");
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** A valid five-minute token for this user. */
    public static String token(UUID userId) {
        return sign(userId.toString(), "ai-studio", Instant.now(), Instant.now().plusSeconds(300));
    }

    /** A token whose expiry has passed, signed with the right key. */
    public static String expiredToken(UUID userId) {
        Instant past = Instant.now().minusSeconds(3600);
        return sign(userId.toString(), "ai-studio", past, past.plusSeconds(300));
    }

    /** A token for another audience, signed with the right key. */
    public static String foreignAudienceToken(UUID userId) {
        return sign(userId.toString(), "someone-else", Instant.now(), Instant.now().plusSeconds(300));
    }

    private static String sign(String subject, String audience, Instant issuedAt, Instant expiresAt) {
        try {
            RsaJsonWebKey key = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(System.getProperty(KEY_PROPERTY));
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(System.getProperty(URL_PROPERTY));
            claims.setSubject(subject);
            claims.setAudience(audience);
            claims.setClaim("sid", UUID.randomUUID().toString());
            claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
            claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
            claims.setGeneratedJwtId();
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
