package dev.aistudio.chat.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;

/**
 * Answers a bearer token that quarkus-oidc has already verified with the identity it made ({@link VerifiedTokens}),
 * before quarkus-oidc's own provider runs. Quarkus asks the providers of a request type in order of
 * {@link #priority()}, highest first, and goes on to the next while one answers null: a token not in the cache (or
 * expired there) is checked by quarkus-oidc as always.
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private static final Uni<SecurityIdentity> NOT_CACHED = Uni.createFrom().nullItem();

    private final VerifiedTokens tokens;

    public CachedTokenIdentityProvider(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before quarkus-oidc's provider, which keeps the default ({@code SYSTEM_FIRST + 1}). */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof AccessTokenCredential credential)) {
            return NOT_CACHED;
        }
        SecurityIdentity identity = tokens.identity(credential.getToken(),
                HttpSecurityUtils.getRoutingContextAttribute(request), context);
        return identity == null ? NOT_CACHED : Uni.createFrom().item(identity);
    }
}
