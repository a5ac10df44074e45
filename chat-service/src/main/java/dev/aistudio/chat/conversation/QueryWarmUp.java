package dev.aistudio.chat.conversation;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.aistudio.chat.message.MessageRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Runs each Hibernate query once at start, for nobody (a random owner). Hibernate translates a query the first time it
 * is used, on the event loop that runs it: cold, on a busy machine, that blocked an event loop for 2.5 s in the middle
 * of serving requests. Now it happens before the service is ready.
 */
@ApplicationScoped
class QueryWarmUp {

    private final ConversationRepository conversations;
    private final MessageRepository messages;

    QueryWarmUp(ConversationRepository conversations, MessageRepository messages) {
        this.conversations = conversations;
        this.messages = messages;
    }

    void warm(@Observes StartupEvent event) {
        UUID nobody = UUID.randomUUID();
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> conversations.findOwned(nobody, nobody)
                    .flatMap(none -> messages.findOwned(nobody, nobody))
                    .flatMap(none -> messages.tree(nobody, nobody))
                    .flatMap(none -> conversations.page(nobody, null, null, 1))
                    .flatMap(none -> conversations.page(nobody, new PageCursor(Instant.now(), nobody), null, 1))
                    .flatMap(none -> conversations.page(nobody, null, "%warm%", 1))
                    .flatMap(none -> conversations.page(nobody, new PageCursor(Instant.now(), nobody), "%warm%", 1))
                    .flatMap(none -> conversations.version(nobody)))
                    .flatMap(none -> Panache.withTransaction(() -> conversations.deleteOwned(nobody, nobody))));
        } catch (Throwable failure) {
            Log.warnf("Could not warm up the queries (the first requests will do it): %s", failure.toString());
        }
    }
}
