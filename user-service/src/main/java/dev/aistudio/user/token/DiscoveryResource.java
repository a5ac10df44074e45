package dev.aistudio.user.token;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.aistudio.user.config.TokenConfig;
import io.smallrye.mutiny.Uni;

/** OIDC discovery and JWKS, so that any service (or a Keycloak swap) verifies tokens with quarkus-oidc alone. */
@Path("/.well-known")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryResource {

    private final TokenConfig config;
    private final SigningKeyService keys;

    public DiscoveryResource(TokenConfig config, SigningKeyService keys) {
        this.config = config;
        this.keys = keys;
    }

    @GET
    @Path("/openid-configuration")
    @Operation(summary = "OpenID Connect discovery document")
    public Map<String, Object> discovery() {
        String issuer = config.issuer();
        return Map.of(
                "issuer", issuer,
                "jwks_uri", issuer + "/.well-known/jwks.json",
                "token_endpoint", issuer + "/api/auth/token",
                "response_types_supported", List.of("token"),
                "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256"),
                "token_endpoint_auth_methods_supported", List.of("none"),
                "claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "jti", "sid", "preferred_username"));
    }

    @GET
    @Path("/jwks.json")
    @Operation(summary = "Public keys that verify this issuer's tokens, including keys about to sign or just retired")
    public Uni<Response> jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(60);
        return keys.current().map(ring -> Response.ok(Map.of("keys", ring.publicJwks())).cacheControl(cache).build());
    }
}
