package dev.aistudio.problem;

import java.util.Set;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code OPTIONS} answers the methods of the path asked about. Quarkus REST's own answer lists every method of the
 * resource class ({@code OPTIONS /api/chat/models} said DELETE, PATCH and POST too) and answers 200 for a path that
 * does not exist.
 */
public class OptionsRequests {

    private final Endpoints endpoints;

    public OptionsRequests(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @ServerRequestFilter(preMatching = true)
    public Response answer(ContainerRequestContext request) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
            return null;
        }
        String path = request.getUriInfo().getRequestUri().getRawPath();
        Set<String> allowed = endpoints.allowed(path);
        if (allowed.isEmpty()) {
            return ProblemMappers.noEndpoint(HttpMethod.OPTIONS, path).toResponse();
        }
        return Response.noContent().header(HttpHeaders.ALLOW, String.join(", ", allowed)).build();
    }
}
