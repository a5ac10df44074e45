package dev.aistudio.gateway.session;

import java.time.Instant;
import java.util.UUID;

/** A session swapped for a bearer token, as cached: the token and whose it is. */
public record SessionToken(String accessToken, Instant tokenExpiresAt, UUID sessionId, UUID userId) {
}
