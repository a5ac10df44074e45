package dev.aistudio.user.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import dev.aistudio.user.account.AccountService;
import dev.aistudio.user.account.AccountView;
import dev.aistudio.user.account.Credentials;
import dev.aistudio.user.account.PasswordChange;
import dev.aistudio.user.config.SessionConfig;
import dev.aistudio.problem.PathIds;
import dev.aistudio.problem.Problems;
import dev.aistudio.user.token.TokenIssuer;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** The public auth API: register, login, logout, me, token, and the caller's own sessions. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AccountService accounts;
    private final SessionService sessions;
    private final TokenIssuer tokens;
    private final SessionConfig config;
    private final CurrentIdentityAssociation identity;
    private final JsonWebToken jwt;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public AuthResource(AccountService accounts, SessionService sessions, TokenIssuer tokens, SessionConfig config,
            CurrentIdentityAssociation identity, JsonWebToken jwt, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.json = json;
        this.accounts = accounts;
        this.sessions = sessions;
        this.tokens = tokens;
        this.config = config;
        this.identity = identity;
        this.jwt = jwt;
    }

    /** The cookie that carries the opaque session id between the browser and the gateway. */
    public static final String SESSION_COOKIE = "studio_session";

    /** The login and register answer: who signed in and until when; the session id itself only travels in the cookie. */
    public record SignedIn(AccountView user, SessionInfo session) {
    }

    public record SessionInfo(UUID id, Instant expiresAt) {
    }

    public record LogoutRequest(Boolean everywhere) {
    }

    @POST
    @Path("/register")
    @APIResponse(responseCode = "201", description = "The account, signed in",
            content = @Content(schema = @Schema(implementation = SignedIn.class)))
    @Operation(summary = "Create an account and sign in (sets the session cookie)")
    public Uni<Response> register(@Valid @NotNull(message = "a JSON body is required") Credentials credentials,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent, @jakarta.ws.rs.core.Context HttpServerRequest request) {
        return accounts.register(credentials)
                .flatMap(account -> sessions.open(account, Session.Kind.browser, userAgent, clientAddress(request)))
                .flatMap(opened -> accounts.find(opened.session().accountId)
                        .map(account -> Response.status(Response.Status.CREATED)
                                .entity(new SignedIn(AccountView.of(account), info(opened.session())))
                                .cookie(sessionCookie(opened))
                                .build()));
    }

    @POST
    @Path("/login")
    @APIResponse(responseCode = "200", description = "Signed in",
            content = @Content(schema = @Schema(implementation = SignedIn.class)))
    @Operation(summary = "Sign in with username and password (sets the session cookie)")
    public Uni<Response> login(@Valid @NotNull(message = "a JSON body is required") Credentials credentials,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent, @jakarta.ws.rs.core.Context HttpServerRequest request) {
        String address = clientAddress(request);
        return accounts.authenticate(credentials, address)
                .flatMap(account -> sessions.open(account, Session.Kind.browser, userAgent, address)
                        .map(opened -> Response.ok(new SignedIn(AccountView.of(account), info(opened.session())))
                                .cookie(sessionCookie(opened))
                                .build()));
    }

    @POST
    @Path("/token")
    @Operation(summary = "A short-lived bearer token for API clients, for username and password")
    public Uni<TokenIssuer.AccessToken> token(@Valid @NotNull(message = "a JSON body is required") Credentials credentials,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent, @jakarta.ws.rs.core.Context HttpServerRequest request) {
        String address = clientAddress(request);
        return accounts.authenticate(credentials, address)
                .flatMap(account -> sessions.open(account, Session.Kind.api, userAgent, address)
                        .flatMap(opened -> tokens.issue(account.id, account.username, opened.session().id)));
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "Signed out (the session cookie is cleared)")
    @Operation(summary = "End this session (or, with {\"everywhere\": true} or ?everywhere=true, every session of the account)")
    public Uni<Response> logout(String body, @QueryParam("everywhere") boolean everywhereParam,
            @CookieParam(SESSION_COOKIE) String cookie) {
        boolean everywhere = everywhereParam || everywhereIn(body);
        return identity.getDeferredIdentity().flatMap(caller -> {
            JsonWebToken bearer = caller.getPrincipal() instanceof JsonWebToken token ? token : null;
            Uni<?> ended;
            if (bearer != null && everywhere) {
                ended = sessions.revokeAll(UUID.fromString(bearer.getSubject()));
            } else if (bearer != null && sid(bearer) != null) {
                ended = sessions.revoke(sid(bearer), UUID.fromString(bearer.getSubject()));
            } else if (cookie != null) {
                ended = sessions.revokeBySecret(cookie);
            } else {
                ended = Uni.createFrom().voidItem();
            }
            return ended.map(done -> Response.noContent().cookie(expiredCookie()).build());
        });
    }

    @GET
    @Path("/me")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "The signed-in account")
    public Uni<AccountView> me() {
        UUID accountId = UUID.fromString(jwt.getSubject());
        return requireLiveSession(jwt)
                .flatMap(live -> accounts.find(accountId))
                .onItem().ifNull().failWith(() -> Problems.unauthorized("session_ended", "The account no longer exists."))
                .map(AccountView::of);
    }

    @PUT
    @Path("/password")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @APIResponse(responseCode = "204", description = "Changed")
    @Operation(summary = "Change the password (the current one confirms it); every other session of the account ends")
    public Uni<Response> changePassword(@Valid @NotNull(message = "a JSON body is required") PasswordChange change,
            @jakarta.ws.rs.core.Context HttpServerRequest request) {
        UUID accountId = UUID.fromString(jwt.getSubject());
        return requireLiveSession(jwt)
                .flatMap(live -> accounts.changePassword(accountId, change, clientAddress(request))
                        .flatMap(changed -> sessions.revokeAllBut(accountId, live.id)))
                .map(ended -> Response.noContent().build());
    }

    @GET
    @Path("/sessions")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Where the account is signed in")
    public Uni<List<SessionView>> listSessions() {
        UUID current = sid(jwt);
        return requireLiveSession(jwt)
                .flatMap(live -> sessions.listActive(UUID.fromString(jwt.getSubject())))
                .map(list -> list.stream().map(s -> SessionView.of(s, current)).toList());
    }

    @DELETE
    @Path("/sessions/{id}")
    @Authenticated
    @SecurityRequirement(name = "jwt")
    @APIResponse(responseCode = "204", description = "Signed out")
    @Operation(summary = "Sign out one of the account's sessions")
    public Uni<Response> endSession(
            @PathParam("id") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) String id) {
        return sessions.revoke(PathIds.uuid(id, AuthResource::noSuchSession), UUID.fromString(jwt.getSubject()))
                .map(found -> {
                    if (!found) {
                        throw noSuchSession();
                    }
                    return Response.noContent().build();
                });
    }

    /** Another account's session, one that ended, or a path segment that cannot be a session's id. */
    private static HttpProblem noSuchSession() {
        return Problems.of(404, "session_not_found", "Not found", "No such session.");
    }

    /** The optional logout body: anything but {@code {"everywhere": true}} means this session only. */
    private boolean everywhereIn(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            LogoutRequest request = json.readValue(body, LogoutRequest.class);
            return request != null && Boolean.TRUE.equals(request.everywhere());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw Problems.unreadableBody(e);
        }
    }

    /** A token outlives a revoked session by at most its few minutes; this service also checks the session itself. */
    private Uni<Session> requireLiveSession(JsonWebToken jwt) {
        UUID sid = sid(jwt);
        if (sid == null) {
            return Uni.createFrom().failure(Problems.unauthorized("session_ended", "The token names no session."));
        }
        return sessions.findActive(sid, UUID.fromString(jwt.getSubject()))
                .onItem().ifNull().failWith(() -> Problems.unauthorized("session_ended",
                        "This session has been signed out. Sign in again."));
    }

    private static UUID sid(JsonWebToken jwt) {
        Object sid = jwt.getClaim("sid");
        try {
            return sid == null ? null : UUID.fromString(sid.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static SessionInfo info(Session session) {
        return new SessionInfo(session.id, session.expiresAt());
    }

    private NewCookie sessionCookie(SessionService.Opened opened) {
        long maxAge = Duration.between(Instant.now(), opened.session().absoluteExpiresAt).toSeconds();
        return cookie(opened.secret(), (int) maxAge);
    }

    private NewCookie expiredCookie() {
        return cookie("", 0);
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(SESSION_COOKIE)
                .value(value)
                .path("/")
                .httpOnly(true)
                .secure(config.cookieSecure())
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge(maxAge)
                .build();
    }

    private static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
