package dev.aistudio.user.token;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

import dev.aistudio.user.config.TokenConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Owns the signing keys. With {@code studio.jwt.signing-key} set, that key signs (and the optional previous public
 * key stays published). Otherwise keys are generated, stored in the database so all replicas share them, and rotated:
 * the next key is published {@code publish-ahead} before it signs, and a retired key stays in JWKS until every token
 * it signed has expired.
 */
@ApplicationScoped
public class SigningKeyService {

    private static final Duration RELOAD_EVERY = Duration.ofSeconds(30);
    /** Serialises key creation across replicas: any fixed 64-bit number works. */
    private static final long ROTATION_LOCK = 0x5354554449304B45L;

    private final TokenConfig config;
    private final Vertx vertx;
    private volatile KeyRing ring;

    public SigningKeyService(TokenConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    public Uni<KeyRing> current() {
        KeyRing cached = ring;
        if (cached != null && cached.loadedAt().plus(RELOAD_EVERY).isAfter(Instant.now())) {
            return Uni.createFrom().item(cached);
        }
        return config.signingKey().isPresent() ? Uni.createFrom().item(configuredRing()) : rotateAndLoad();
    }

    @Scheduled(every = "1m", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> rotateOnSchedule() {
        if (config.signingKey().isPresent()) {
            return Uni.createFrom().voidItem();
        }
        return rotateAndLoad().replaceWithVoid();
    }

    private Uni<KeyRing> rotateAndLoad() {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery("select pg_advisory_xact_lock(" + ROTATION_LOCK + ")").getSingleResult())
                .flatMap(locked -> SigningKey.<SigningKey>listAll())
                .flatMap(this::rotate))
                .map(this::toRing)
                .invoke(loaded -> ring = loaded);
    }

    /** Adds a key when none signs or the signing one is old, drops keys no live token can carry; returns the rest. */
    private Uni<List<SigningKey>> rotate(List<SigningKey> stored) {
        Instant now = Instant.now();
        List<SigningKey> keys = new ArrayList<>(stored);
        keys.sort(Comparator.comparing((SigningKey k) -> k.activatesAt));
        SigningKey signing = signingAt(keys, now);
        SigningKey newest = keys.isEmpty() ? null : keys.get(keys.size() - 1);

        Uni<Void> created = Uni.createFrom().voidItem();
        if (signing == null) {
            created = generate(now).flatMap(k -> k.persist().replaceWith(k).invoke(keys::add)).replaceWithVoid();
        } else if (newest == signing && signing.activatesAt.plus(config.rotationPeriod()).isBefore(now)) {
            Log.infof("Signing key %s is due for rotation; publishing its successor", signing.kid);
            created = generate(now.plus(config.publishAhead())).flatMap(k -> k.persist().replaceWith(k).invoke(keys::add))
                    .replaceWithVoid();
        }
        List<SigningKey> expired = expired(keys, now);
        return created
                .flatMap(v -> expired.isEmpty() ? Uni.createFrom().voidItem()
                        : SigningKey.delete("kid in ?1", expired.stream().map(k -> k.kid).toList()).replaceWithVoid())
                .map(v -> keys.stream().filter(k -> !expired.contains(k)).toList());
    }

    /** Keys whose successor has signed for longer than a token lives. */
    private List<SigningKey> expired(List<SigningKey> sortedKeys, Instant now) {
        List<SigningKey> expired = new ArrayList<>();
        Duration grace = config.ttl().plus(Duration.ofMinutes(1));
        for (int i = 0; i + 1 < sortedKeys.size(); i++) {
            if (sortedKeys.get(i + 1).activatesAt.plus(grace).isBefore(now)) {
                expired.add(sortedKeys.get(i));
            }
        }
        return expired;
    }

    private static SigningKey signingAt(List<SigningKey> sortedKeys, Instant now) {
        SigningKey signing = null;
        for (SigningKey key : sortedKeys) {
            if (!key.activatesAt.isAfter(now)) {
                signing = key;
            }
        }
        return signing;
    }

    private Uni<SigningKey> generate(Instant activatesAt) {
        // RSA key generation takes a noticeable moment of CPU: keep it off the event loop.
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                RsaJsonWebKey jwk = RsaJwkGenerator.generateJwk(2048);
                jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
                jwk.setAlgorithm("RS256");
                jwk.setUse("sig");
                SigningKey key = new SigningKey();
                key.kid = jwk.getKeyId();
                key.privateKeyPem = pem(jwk.getPrivateKey().getEncoded());
                key.publicJwk = jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
                key.createdAt = Instant.now();
                key.activatesAt = activatesAt;
                return key;
            } catch (JoseException e) {
                throw new IllegalStateException("could not generate a signing key", e);
            }
        }), false);
    }

    private KeyRing toRing(List<SigningKey> keys) {
        Instant now = Instant.now();
        List<SigningKey> sorted = keys.stream().sorted(Comparator.comparing((SigningKey k) -> k.activatesAt)).toList();
        SigningKey signing = signingAt(sorted, now);
        try {
            PrivateKey privateKey = KeyUtils.decodePrivateKey(signing.privateKeyPem);
            List<Map<String, Object>> published = new ArrayList<>();
            for (SigningKey key : sorted) {
                published.add(JsonWebKey.Factory.newJwk(key.publicJwk).toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            }
            return new KeyRing(signing.kid, privateKey, List.copyOf(published), now);
        } catch (GeneralSecurityException | JoseException e) {
            throw new IllegalStateException("a stored signing key could not be read", e);
        }
    }

    private KeyRing configuredRing() {
        try {
            PrivateKey privateKey = KeyUtils.decodePrivateKey(config.signingKey().orElseThrow());
            RSAPublicKey publicKey = (RSAPublicKey) KeyUtils.decodePublicKey(publicPemOf(privateKey));
            RsaJsonWebKey current = publicJwk(publicKey);
            List<Map<String, Object>> published = new ArrayList<>();
            published.add(current.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            if (config.previousPublicKey().isPresent()) {
                RSAPublicKey previous = (RSAPublicKey) KeyUtils.decodePublicKey(config.previousPublicKey().get());
                published.add(publicJwk(previous).toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            }
            KeyRing loaded = new KeyRing(current.getKeyId(), privateKey, List.copyOf(published), Instant.now());
            ring = loaded;
            return loaded;
        } catch (GeneralSecurityException | JoseException e) {
            throw new IllegalStateException("studio.jwt.signing-key is not a PKCS#8 PEM RSA private key", e);
        }
    }

    private static RsaJsonWebKey publicJwk(RSAPublicKey key) throws JoseException {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key);
        jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        return jwk;
    }

    private static String publicPemOf(PrivateKey privateKey) throws GeneralSecurityException {
        var crt = (java.security.interfaces.RSAPrivateCrtKey) privateKey;
        var spec = new java.security.spec.RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent());
        byte[] encoded = java.security.KeyFactory.getInstance("RSA").generatePublic(spec).getEncoded();
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(encoded) + "\n-----END PUBLIC KEY-----\n";
    }

    private static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }
}
