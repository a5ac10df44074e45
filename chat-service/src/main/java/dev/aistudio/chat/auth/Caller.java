package dev.aistudio.chat.auth;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.aistudio.problem.Problems;

/** Who is calling: the user id is the bearer token's {@code sub}, checked by quarkus-oidc before we get here. */
@RequestScoped
public class Caller {

    private final JsonWebToken token;

    public Caller(JsonWebToken token) {
        this.token = token;
    }

    /** The caller's user id; a token whose subject is not a user id is refused. */
    public UUID id() {
        String subject = token.getSubject();
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Problems.unauthorized("invalid_token", "The bearer token's subject is not a user id.");
        }
    }
}
