package dev.aistudio.problem;

import java.net.URI;
import java.util.Set;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
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
import io.vertx.core.http.HttpServerRequest;

/**
 * Mappers that take precedence over quarkus-resteasy-problem's: its security mappers do not run on this Quarkus version
 * (they read a field Quarkus removed), Quarkus' own JSON mapper answers with an empty body, and the answers to a
 * request no endpoint takes (404, 405, 415, 406) say what was asked and what the service has, not Quarkus' generic
 * words ({@code Unable to find matching target resource method}, {@code did not match the value in @Consumes}).
 */
public class ProblemMappers {

    /**
     * quarkus-resteasy-problem registers its mappers (NotFoundException and WebApplicationException among them) at
     * priority 999, ahead of {@code Priorities.USER}: a mapper for one of those types must come before that.
     */
    private static final int BEFORE_RESTEASY_PROBLEM = 998;

    private final Endpoints endpoints;

    public ProblemMappers(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** A path no endpoint has (an id of an unknown thing answers its own 404 instead, from the endpoint). */
    @ServerExceptionMapper(priority = BEFORE_RESTEASY_PROBLEM)
    public Response noEndpoint(NotFoundException e, HttpServerRequest request) {
        return noEndpoint(request.method().name(), request.path()).toResponse();
    }

    static HttpProblem noEndpoint(String method, String path) {
        return at(path, Problems.of(404, "not_found", "Not found",
                "There is nothing at " + path + " (" + method + "): no endpoint of this service has this path."));
    }

    @ServerExceptionMapper(priority = BEFORE_RESTEASY_PROBLEM)
    public Response methodNotAllowed(NotAllowedException e, HttpServerRequest request) {
        Set<String> allowed = endpoints.allowed(request.path());
        String allow = String.join(", ", allowed);
        HttpProblem problem = at(request, Problems.of(405, "method_not_allowed", "Method not allowed",
                request.method().name() + " is not allowed on " + request.path()
                        + (allowed.isEmpty() ? "." : "; it allows " + allow + ".")));
        Response.ResponseBuilder response = Response.fromResponse(problem.toResponse());
        return (allowed.isEmpty() ? response : response.header(HttpHeaders.ALLOW, allow)).build();
    }

    @ServerExceptionMapper(priority = BEFORE_RESTEASY_PROBLEM)
    public Response unsupportedMediaType(NotSupportedException e, HttpServerRequest request) {
        Set<String> reads = endpoints.mediaTypes(request.method().name(), request.path(), true);
        String sent = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return at(request, Problems.of(415, "unsupported_media_type", "Unsupported media type", endpoint(request)
                + (reads.isEmpty() ? " cannot read this body" : " reads " + String.join(" or ", reads))
                + (sent == null ? "; the request has no Content-Type." : "; the request's Content-Type is " + sent + ".")))
                .toResponse();
    }

    @ServerExceptionMapper(priority = BEFORE_RESTEASY_PROBLEM)
    public Response notAcceptable(NotAcceptableException e, HttpServerRequest request) {
        Set<String> answers = endpoints.mediaTypes(request.method().name(), request.path(), false);
        return at(request, Problems.of(406, "not_acceptable", "Not acceptable", endpoint(request)
                + (answers.isEmpty() ? " cannot answer" : " answers " + String.join(" or ", answers))
                + " and the request's Accept is " + request.getHeader(HttpHeaders.ACCEPT)
                + "; send an Accept header that includes one of those, or none.")).toResponse();
    }

    /** The problem with {@code instance}, the path asked for, as the problems of quarkus-resteasy-problem's mappers have. */
    private static HttpProblem at(HttpServerRequest request, HttpProblem problem) {
        return at(request.path(), problem);
    }

    private static HttpProblem at(String path, HttpProblem problem) {
        try {
            return HttpProblem.builder(problem).withInstance(URI.create(path)).build();
        } catch (IllegalArgumentException e) {
            return problem; // a path URI cannot hold (MalformedUris answers most of those first)
        }
    }

    private static String endpoint(HttpServerRequest request) {
        return request.method().name() + " " + request.path();
    }

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
