package dev.aistudio.user.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A person who can sign in. The username is stored lower-case; the password only as an Argon2id hash. */
@Entity
@Table(name = "accounts")
public class Account extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, length = 32)
    public String username;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Account create(String username, String passwordHash) {
        Account account = new Account();
        account.id = UUID.randomUUID();
        account.username = username;
        account.passwordHash = passwordHash;
        account.createdAt = Instant.now();
        account.updatedAt = account.createdAt;
        return account;
    }
}
