package dev.aistudio.chat.conversation;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Conversations, always looked up together with their owner. */
@ApplicationScoped
public class ConversationRepository implements PanacheRepositoryBase<Conversation, UUID> {

    public Uni<Conversation> findOwned(UUID id, UUID ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).firstResult();
    }

    /** One page, newest first, after the cursor; {@code pattern} is a LIKE pattern over title and message text. */
    public Uni<List<Conversation>> page(UUID ownerId, PageCursor after, String pattern, int limit) {
        StringBuilder query = new StringBuilder("from Conversation c where c.ownerId = :owner");
        Parameters params = Parameters.with("owner", ownerId);
        if (after != null) {
            query.append(" and (c.updatedAt < :at or (c.updatedAt = :at and c.id < :id))");
            params.and("at", after.updatedAt()).and("id", after.id());
        }
        if (pattern != null) {
            query.append(" and (lower(c.title) like :q escape '\\'"
                    + " or exists (from Message m where m.conversationId = c.id and lower(m.content) like :q escape '\\'))");
            params.and("q", pattern);
        }
        query.append(" order by c.updatedAt desc, c.id desc");
        return find(query.toString(), params).range(0, limit - 1).list();
    }

    /**
     * The row's version as PostgreSQL tells it ({@code xmin}: the transaction that last wrote it), read in the current
     * session after flushing it; null when there is no such row.
     */
    public Uni<String> version(UUID id) {
        return getSession().chain(session -> session.flush().chain(() -> session
                .createNativeQuery("select cast(xmin as text) from conversations where id = :id", String.class)
                .setParameter("id", id).getSingleResultOrNull()));
    }

    public Uni<Long> deleteOwned(UUID id, UUID ownerId) {
        return delete("id = ?1 and ownerId = ?2", id, ownerId);
    }
}
