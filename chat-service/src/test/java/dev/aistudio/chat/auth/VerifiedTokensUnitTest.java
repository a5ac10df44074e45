package dev.aistudio.chat.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.UUID;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import dev.aistudio.chat.config.ChatConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;

/** The cache's own rules: bounded, nothing past its lifetime, only identities quarkus-oidc makes. */
class VerifiedTokensUnitTest {

    private static VerifiedTokens cache(int size, Duration maxAge) {
        ChatConfig config = (ChatConfig) Proxy.newProxyInstance(ChatConfig.class.getClassLoader(),
                new Class<?>[] { ChatConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "tokenCacheSize" -> size;
                    case "tokenCacheMaxAge" -> maxAge;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new VerifiedTokens(config);
    }

    /** An identity as quarkus-oidc makes it: the token's JWT as principal, the token as credential. */
    private static SecurityIdentity verified(String token, long expiresInSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(UUID.randomUUID().toString());
        claims.setExpirationTime(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 + expiresInSeconds));
        claims.setClaim("raw_token", token);
        AccessTokenCredential credential = new AccessTokenCredential(token);
        return QuarkusSecurityIdentity.builder().setPrincipal(new OidcJwtCallerPrincipal(claims, credential))
                .addCredential(credential).addRole("user").addPermissionAsString("chat")
                .addAttribute(RoutingContext.class.getName(), "the first request")
                .addAttribute("tenant-id", "Default").build();
    }

    @Test
    void holdsAtMostItsSize() {
        VerifiedTokens tokens = cache(10, Duration.ofSeconds(60));
        for (int i = 0; i < 50; i++) {
            tokens.remember(verified("token-" + i, 600));
        }
        assertTrue(tokens.size() <= 10, "size " + tokens.size());
    }

    @Test
    void givesEachRequestItsOwnIdentityWithoutTheFirstRequestsObjects() {
        VerifiedTokens tokens = cache(10, Duration.ofSeconds(60));
        SecurityIdentity first = verified("t", 600);
        tokens.remember(first);
        AuthenticationRequestContext context = supplier -> null;
        SecurityIdentity again = tokens.identity("t", null, context);
        assertNotNull(again);
        assertSame(first.getPrincipal(), again.getPrincipal());
        assertEquals(first.getRoles(), again.getRoles());
        assertEquals(first.getCredentials(), again.getCredentials());
        assertEquals(((QuarkusSecurityIdentity) first).getPermissions(),
                ((QuarkusSecurityIdentity) again).getPermissions());
        assertEquals("Default", again.getAttribute("tenant-id"));
        assertNull(again.getAttribute(RoutingContext.class.getName()));
        assertSame(context, again.getAttribute(AuthenticationRequestContext.class.getName()));
        assertNull(tokens.identity("other", null, context));
    }

    @Test
    void keepsNothingPastTheTokensExpiryOrTheMaxAge() throws InterruptedException {
        VerifiedTokens tokens = cache(10, Duration.ofMillis(300));
        tokens.remember(verified("expired", -1));
        tokens.remember(verified("expiring", 0));
        assertEquals(0, tokens.size());

        tokens.remember(verified("young", 600));
        assertNotNull(tokens.identity("young", null, null));
        Thread.sleep(400);
        assertNull(tokens.identity("young", null, null));
    }

    @Test
    void keepsOnlyIdentitiesWhoseJwtIsTheirToken() {
        VerifiedTokens tokens = cache(10, Duration.ofSeconds(60));
        SecurityIdentity a = verified("a", 600);
        tokens.remember(QuarkusSecurityIdentity.builder().setPrincipal(a.getPrincipal())
                .addCredential(new AccessTokenCredential("b")).build());
        tokens.remember(QuarkusSecurityIdentity.builder().setAnonymous(true).build());
        assertNull(tokens.identity("b", null, null));
        assertNull(tokens.identity("a", null, null));
        assertEquals(0, tokens.size());
    }

    @Test
    void sizeZeroTurnsItOff() {
        VerifiedTokens tokens = cache(0, Duration.ofSeconds(60));
        tokens.remember(verified("t", 600));
        assertNull(tokens.identity("t", null, null));
    }
}
