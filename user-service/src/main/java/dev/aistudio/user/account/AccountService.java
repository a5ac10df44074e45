package dev.aistudio.user.account;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.problem.Problems;
import dev.aistudio.user.throttle.LoginThrottle;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/** Sign-up and password checks. Hashing happens outside transactions so no connection waits on Argon2. */
@ApplicationScoped
public class AccountService {

    private static final String UNIQUE_VIOLATION = "23505";

    private final AccountRepository accounts;
    private final UsernamePolicy usernames;
    private final PasswordPolicy passwords;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;

    public AccountService(AccountRepository accounts, UsernamePolicy usernames, PasswordPolicy passwords,
            PasswordHasher hasher, LoginThrottle throttle) {
        this.accounts = accounts;
        this.usernames = usernames;
        this.passwords = passwords;
        this.hasher = hasher;
        this.throttle = throttle;
    }

    public Uni<Account> register(Credentials credentials) {
        String username = usernames.canonical(credentials.username());
        passwords.check(credentials.password(), username);
        return Panache.withSession(() -> accounts.findByUsername(username))
                .invoke(existing -> {
                    if (existing != null) {
                        throw usernameTaken(username);
                    }
                })
                .flatMap(none -> hasher.hash(credentials.password()))
                .flatMap(hash -> Panache.withTransaction(() -> accounts.persist(Account.create(username, hash))))
                .onFailure(AccountService::isUniqueViolation).transform(e -> usernameTaken(username));
    }

    /**
     * The account whose password this is, or a 401 that does not say which half was wrong. Throttled per account and
     * per client address; an unknown username costs the same hashing time as a wrong password.
     */
    public Uni<Account> authenticate(Credentials credentials, String clientAddress) {
        String username = usernames.normalize(credentials.username());
        return throttle.check(username, clientAddress)
                .flatMap(ok -> Panache.withSession(() -> accounts.findByUsername(username)))
                .flatMap(account -> checkPassword(username, account, credentials.password(), clientAddress,
                        () -> Problems.unauthorized("invalid_credentials", "The username or password is not correct.")));
    }

    /**
     * The account if the password is its own (the throttle's count for the username cleared), else the refusal (the
     * failure counted for the username and the address). A null account costs the same hashing time as a wrong password.
     */
    private Uni<Account> checkPassword(String username, Account account, String password, String clientAddress,
            Supplier<RuntimeException> refusal) {
        return hasher.verify(password, account == null ? null : account.passwordHash)
                .flatMap(valid -> valid
                        ? throttle.reset(username).replaceWith(account)
                        : throttle.recordFailure(username, clientAddress).map(v -> {
                            throw refusal.get();
                        }));
    }

    /**
     * Replaces the account's password once the current one is confirmed. A wrong current password counts as a failed
     * sign-in for the throttle (so a stolen session cannot be used to guess it freely); the new one follows the same
     * rules as at sign-up. If the password changed between the check and the write, nothing is written (409).
     */
    public Uni<Account> changePassword(UUID accountId, PasswordChange change, String clientAddress) {
        return find(accountId)
                .onItem().ifNull().failWith(() -> Problems.unauthorized("session_ended", "The account no longer exists."))
                .flatMap(account -> {
                    passwords.check(change.newPassword(), account.username, "newPassword");
                    if (change.newPassword().equals(change.currentPassword())) {
                        throw Problems.invalidField("newPassword", "password_unchanged",
                                "must differ from the current password");
                    }
                    return throttle.check(account.username, clientAddress)
                            .flatMap(ok -> checkPassword(account.username, account, change.currentPassword(),
                                    clientAddress, () -> Problems.invalidField("currentPassword", "wrong_password",
                                            "is not the account's password")))
                            .flatMap(checked -> hasher.hash(change.newPassword()))
                            .flatMap(hash -> Panache.withTransaction(
                                    () -> accounts.replacePasswordHash(accountId, account.passwordHash, hash)))
                            .map(changed -> {
                                if (changed == 0) {
                                    throw Problems.of(409, "password_changed", "Conflict",
                                            "The password was changed meanwhile by another request; nothing was changed now.");
                                }
                                return account;
                            });
                });
    }

    public Uni<Account> find(UUID id) {
        return Panache.withSession(() -> accounts.findById(id));
    }

    private static RuntimeException usernameTaken(String username) {
        return Problems.of(409, "username_taken", "Username taken", "The username '" + username + "' is already taken.");
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
