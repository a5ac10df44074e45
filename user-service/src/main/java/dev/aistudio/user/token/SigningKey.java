package dev.aistudio.user.token;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A generated RS256 key pair, shared by every replica through the database. A key is published in JWKS from the
 * moment it is created, signs from {@link #activatesAt}, and is dropped once tokens it signed have expired.
 */
@Entity
@Table(name = "signing_keys")
public class SigningKey extends PanacheEntityBase {

    @Id
    public String kid;

    @Column(name = "private_key_pem", nullable = false, columnDefinition = "text")
    public String privateKeyPem;

    @Column(name = "public_jwk", nullable = false, columnDefinition = "text")
    public String publicJwk;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "activates_at", nullable = false)
    public Instant activatesAt;
}
