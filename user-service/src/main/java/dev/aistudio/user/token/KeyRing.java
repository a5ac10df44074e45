package dev.aistudio.user.token;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The key that signs now and every public key a verifier may still meet, as of {@link #loadedAt}. */
record KeyRing(String signingKid, PrivateKey signingKey, List<Map<String, Object>> publicJwks, Instant loadedAt) {
}
