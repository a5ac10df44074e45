package dev.aistudio.gateway.session;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** user-service's answer to an exchange (fields the gateway does not use are ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
record ExchangeAnswer(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("expires_in") long expiresIn,
        UUID sessionId,
        Instant sessionExpiresAt,
        User user) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record User(UUID id, String username) {
    }
}
