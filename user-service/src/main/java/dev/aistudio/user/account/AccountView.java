package dev.aistudio.user.account;

import java.time.Instant;
import java.util.UUID;

/** What the API shows of an account: never the hash. */
public record AccountView(UUID id, String username, Instant createdAt) {

    public static AccountView of(Account account) {
        return new AccountView(account.id, account.username, account.createdAt);
    }
}
