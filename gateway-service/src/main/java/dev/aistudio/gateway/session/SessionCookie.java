package dev.aistudio.gateway.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;

/** The browser's session cookie; user-service sets it at sign-in, the gateway only reads it and clears a dead one. */
public final class SessionCookie {

    public static final String NAME = "studio_session";

    private SessionCookie() {
    }

    /** An expired cookie with the same attributes as user-service's, so the browser drops the dead session. */
    public static Cookie cleared(boolean secure) {
        return Cookie.cookie(NAME, "")
                .setPath("/")
                .setHttpOnly(true)
                .setSecure(secure)
                .setSameSite(CookieSameSite.LAX)
                .setMaxAge(0);
    }

    /** A stable stand-in for a session secret (SHA-256), so caches and buckets never hold the secret itself. */
    public static String fingerprint(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
