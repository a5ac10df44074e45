package dev.aistudio.problem;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * Mappers that take precedence over quarkus-resteasy-problem's for two cases: its security mappers do not run on this
 * Quarkus version (they read a field Quarkus removed), and Quarkus' own JSON mapper answers with an empty body.
 */
public class ProblemMappers {

    @ServerExceptionMapper(priority = Priorities.USER - 10)
    public Response unauthorized(UnauthorizedException e) {
        return bearerChallenge(Problems.unauthorized("unauthorized", "Sign in, or send a valid bearer token."));
    }

    @ServerExceptionMapper(priority = Priorities.USER - 10)
    public Response authenticationFailed(AuthenticationFailedException e) {
        return bearerChallenge(Problems.unauthorized("invalid_token",
                "The bearer token is not valid: it is malformed, expired, or not signed by this issuer."));
    }

    @ServerExceptionMapper(priority = Priorities.USER - 10)
    public Response wrongType(MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 10)
    public Response invalidQueryParameter(QueryParameters.InvalidQueryParameter e) {
        return Problems.invalidParameter(e.parameter(), "query", e.getMessage()).toResponse();
    }

    /** Quarkus wraps a JSON syntax error in a plain 400; say what was wrong instead. */
    @ServerExceptionMapper(priority = Priorities.USER - 10)
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        return Problems.of(status, ProblemCodes.codeFor(status), title, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper(priority = Priorities.USER - 10)
    public Response badJson(JsonProcessingException e) {
        return JsonProblems.problemFor(e).toResponse();
    }

    private static Response bearerChallenge(HttpProblem problem) {
        return Response.fromResponse(problem.toResponse()).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
