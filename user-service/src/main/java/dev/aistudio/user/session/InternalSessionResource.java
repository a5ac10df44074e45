package dev.aistudio.user.session;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.aistudio.user.account.AccountView;
import io.smallrye.mutiny.Uni;

/**
 * For the gateway only (never routed to the public): swaps the opaque session id from the browser's cookie for a
 * short-lived access token. Knowing a live session id is the authority here, as it is for the cookie itself.
 */
@Path("/internal/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalSessionResource {

    private final SessionService sessions;

    public InternalSessionResource(SessionService sessions) {
        this.sessions = sessions;
    }

    public record ExchangeRequest(@NotBlank(message = "is required") @Size(max = 256, message = "is too long") String sessionId) {
    }

    public record ExchangeAnswer(
            @com.fasterxml.jackson.annotation.JsonProperty("access_token") String accessToken,
            @com.fasterxml.jackson.annotation.JsonProperty("token_type") String tokenType,
            @com.fasterxml.jackson.annotation.JsonProperty("expires_in") long expiresIn,
            UUID sessionId, Instant sessionExpiresAt, AccountView user) {
    }

    @POST
    @Path("/exchange")
    @Operation(summary = "Session id -> access token (gateway only)")
    public Uni<ExchangeAnswer> exchange(@Valid @NotNull(message = "a JSON body is required") ExchangeRequest request) {
        return sessions.exchange(request.sessionId()).map(found -> new ExchangeAnswer(
                found.token().accessToken(), found.token().tokenType(), found.token().expiresIn(),
                found.session().id, found.session().expiresAt(), AccountView.of(found.account())));
    }
}
