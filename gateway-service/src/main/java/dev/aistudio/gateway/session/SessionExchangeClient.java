package dev.aistudio.gateway.session;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** user-service's internal session exchange; only {@link SessionExchange} talks to it. */
@RegisterRestClient(configKey = "user-service")
@Path("/internal/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface SessionExchangeClient {

    @POST
    @Path("/exchange")
    Uni<ExchangeAnswer> exchange(@HeaderParam("X-Request-Id") String requestId, ExchangeRequest request);
}
