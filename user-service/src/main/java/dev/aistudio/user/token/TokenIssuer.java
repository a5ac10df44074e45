package dev.aistudio.user.token;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.user.config.TokenConfig;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;

/** Mints the short-lived RS256 access tokens (smallrye-jwt build API) that every service checks with quarkus-oidc. */
@ApplicationScoped
public class TokenIssuer {

    private final TokenConfig config;
    private final SigningKeyService keys;

    public TokenIssuer(TokenConfig config, SigningKeyService keys) {
        this.config = config;
        this.keys = keys;
    }

    public Uni<AccessToken> issue(UUID accountId, String username, UUID sessionId) {
        return keys.current().map(ring -> {
            Instant now = Instant.now();
            long ttl = config.ttl().toSeconds();
            String token = Jwt.issuer(config.issuer())
                    .subject(accountId.toString())
                    .audience(config.audience())
                    .claim("sid", sessionId.toString())
                    .claim("preferred_username", username)
                    .issuedAt(now)
                    .expiresAt(now.plusSeconds(ttl))
                    .jws()
                    .keyId(ring.signingKid())
                    .sign(ring.signingKey());
            return new AccessToken(token, "Bearer", ttl);
        });
    }

    /** The token answer of the public API: {@code {"access_token", "token_type", "expires_in"}}. */
    public record AccessToken(
            @com.fasterxml.jackson.annotation.JsonProperty("access_token") String accessToken,
            @com.fasterxml.jackson.annotation.JsonProperty("token_type") String tokenType,
            @com.fasterxml.jackson.annotation.JsonProperty("expires_in") long expiresIn) {
    }
}
