package dev.aistudio.user.account;

import java.util.UUID;

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
                .flatMap(account -> hasher.verify(credentials.password(), account == null ? null : account.passwordHash)
                        .flatMap(valid -> valid
                                ? throttle.reset(username).replaceWith(account)
                                : throttle.recordFailure(username, clientAddress).map(v -> {
                                    throw Problems.unauthorized("invalid_credentials",
                                            "The username or password is not correct.");
                                })));
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
