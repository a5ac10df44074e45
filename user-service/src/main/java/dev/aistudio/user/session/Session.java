package dev.aistudio.user.session;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A signed-in session. The browser holds an opaque random id; only its SHA-256 is stored here, so a copy of the
 * database does not let anyone act as a user. {@link #id} is the public handle ({@code sid} in tokens).
 */
@Entity
@Table(name = "sessions")
public class Session extends PanacheEntityBase {

    public enum Kind {
        /** Signed in through the browser: carried by the session cookie. */
        browser,
        /** Created for a bearer token requested by an API client; lives as long as the token. */
        api
    }

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "token_hash", nullable = false)
    public byte[] tokenHash;

    @Column(nullable = false, length = 16)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Kind kind;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    @Column(name = "idle_expires_at", nullable = false)
    public Instant idleExpiresAt;

    @Column(name = "absolute_expires_at", nullable = false)
    public Instant absoluteExpiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "user_agent")
    public String userAgent;

    @Column(name = "client_address", length = 64)
    public String clientAddress;

    public boolean isActive(Instant now) {
        return revokedAt == null && now.isBefore(idleExpiresAt) && now.isBefore(absoluteExpiresAt);
    }

    /** When the session ends if it keeps being used. */
    public Instant expiresAt() {
        return idleExpiresAt.isBefore(absoluteExpiresAt) ? idleExpiresAt : absoluteExpiresAt;
    }
}
