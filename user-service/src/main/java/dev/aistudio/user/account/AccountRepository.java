package dev.aistudio.user.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {

    public Uni<Account> findByUsername(String username) {
        return find("username", username).firstResult();
    }

    /** Stores a new password hash if the account still has the one it was checked against; answers rows changed. */
    public Uni<Integer> replacePasswordHash(UUID id, String checkedHash, String newHash) {
        return update("passwordHash = :new, updatedAt = :now where id = :id and passwordHash = :checked",
                Parameters.with("new", newHash).and("now", Instant.now()).and("id", id).and("checked", checkedHash));
    }
}
