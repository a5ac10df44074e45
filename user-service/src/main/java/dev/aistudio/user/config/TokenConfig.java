package dev.aistudio.user.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The RS256 access tokens this service issues. */
@ConfigMapping(prefix = "studio.jwt")
public interface TokenConfig {

    /** The issuer URL: the {@code iss} claim and the base of the discovery document; other services use it as auth-server-url. */
    String issuer();

    /** The {@code aud} claim of every token. */
    @WithDefault("ai-studio")
    String audience();

    /** Lifetime of an access token. */
    @WithDefault("5M")
    Duration ttl();

    /** A generated signing key is replaced after this long. */
    @WithDefault("P30D")
    Duration rotationPeriod();

    /** A new key is published in JWKS this long before it signs, so every verifier has it cached. */
    @WithDefault("10M")
    Duration publishAhead();

    /** A PKCS#8 PEM private key (e.g. from a Kubernetes secret) used instead of generated keys. */
    Optional<String> signingKey();

    /** The PEM public key of the previous configured signing key, kept in JWKS while its tokens live. */
    Optional<String> previousPublicKey();
}
