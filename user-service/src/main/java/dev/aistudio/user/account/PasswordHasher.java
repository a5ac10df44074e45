package dev.aistudio.user.account;

import jakarta.enterprise.context.ApplicationScoped;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Argon2id (password4j) at OWASP's recommended parameters: 19 MiB, 2 iterations, 1 lane. Hashing takes tens of
 * milliseconds of CPU, so it runs on a worker thread and resumes on the caller's event loop.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID, 19);

    /** Verified when no account matches, so an unknown username costs the same time as a wrong password. */
    private static final String DECOY = Password.hash("decoy password, never matches").addRandomSalt(16).with(ARGON2ID)
            .getResult();

    private final Vertx vertx;
    private final Counter verifications;

    public PasswordHasher(Vertx vertx, MeterRegistry registry) {
        this.vertx = vertx;
        this.verifications = Counter.builder("auth.password.verifications")
                .description("Argon2id verifications, decoys for unknown usernames included").register(registry);
    }

    public Uni<String> hash(String password) {
        return offload(() -> Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult());
    }

    /** Checks a password against a stored hash, or against a decoy when there is none. */
    public Uni<Boolean> verify(String password, String storedHash) {
        String hash = storedHash != null ? storedHash : DECOY;
        verifications.increment();
        return offload(() -> Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash))
                && storedHash != null);
    }

    private <T> Uni<T> offload(java.util.function.Supplier<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(work), false);
    }
}
