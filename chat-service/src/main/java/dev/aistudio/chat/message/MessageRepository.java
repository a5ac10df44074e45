package dev.aistudio.chat.message;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Messages, always looked up together with their owner. */
@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<Message, UUID> {

    public Uni<Message> findOwned(UUID id, UUID ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).firstResult();
    }

    /** The whole tree of a conversation, oldest first. */
    public Uni<List<Message>> tree(UUID conversationId, UUID ownerId) {
        return list("conversationId = ?1 and ownerId = ?2 order by createdAt, id", conversationId, ownerId);
    }
}
