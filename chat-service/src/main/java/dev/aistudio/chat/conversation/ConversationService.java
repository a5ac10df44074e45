package dev.aistudio.chat.conversation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.chat.generation.BranchCache;
import dev.aistudio.chat.generation.ReplyStore;
import dev.aistudio.chat.message.MessageRepository;
import dev.aistudio.chat.message.MessageTree;
import dev.aistudio.chat.model.ModelCatalog;
import dev.aistudio.problem.Problems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Conversations of one owner: create, page, read with the current branch, change, delete. */
@ApplicationScoped
public class ConversationService {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final ModelCatalog catalog;
    private final BranchCache branches;

    public ConversationService(ConversationRepository conversations, MessageRepository messages,
            ModelCatalog catalog, BranchCache branches) {
        this.conversations = conversations;
        this.messages = messages;
        this.catalog = catalog;
        this.branches = branches;
    }

    public record Page(List<ConversationView> items, String next) {
    }

    public Uni<ConversationView> create(UUID ownerId, ConversationInput input) {
        ConversationInput body = input != null ? input : new ConversationInput(null, null, null, null, null);
        return checkModel(body.model()).flatMap(ok -> Panache.withTransaction(() -> persist(ownerId, body)));
    }

    private Uni<ConversationView> persist(UUID ownerId, ConversationInput body) {
        Instant now = now();
        Conversation c = new Conversation();
        c.id = UUID.randomUUID();
        c.ownerId = ownerId;
        c.title = blankToNull(body.title());
        c.titleSet = c.title != null;
        c.model = blankToNull(body.model());
        c.systemPrompt = blankToNull(body.systemPrompt());
        SamplingParams params = body.params() != null ? body.params() : SamplingParams.NONE;
        c.temperature = params.temperature();
        c.topP = params.topP();
        c.maxTokens = params.maxTokens();
        c.createdAt = now;
        c.updatedAt = now;
        // its row version (xmin) too: the first reply can then start without reading the conversation (BranchCache)
        return conversations.persist(c).chain(() -> conversations.version(c.id))
                .map(version -> {
                    branches.created(ownerId, new ReplyStore.ConversationDefaults(c.id, c.model, c.systemPrompt,
                            c.temperature, c.topP, c.maxTokens), version);
                    return ConversationView.of(c);
                });
    }

    public Uni<Page> page(UUID ownerId, int limit, String cursor, String search) {
        PageCursor after = cursor == null || cursor.isBlank() ? null : PageCursor.decode(cursor);
        String pattern = search == null || search.isBlank() ? null : likePattern(search);
        return Panache.withSession(() -> conversations.page(ownerId, after, pattern, limit + 1)).map(found -> {
            boolean more = found.size() > limit;
            List<Conversation> page = more ? found.subList(0, limit) : found;
            Conversation last = more ? page.get(page.size() - 1) : null;
            return new Page(page.stream().map(ConversationView::of).toList(),
                    last == null ? null : new PageCursor(last.updatedAt, last.id).encode());
        });
    }

    /** The conversation with its current branch, or null when the caller has none with this id. */
    public Uni<ConversationView> get(UUID ownerId, UUID id) {
        return Panache.withSession(() -> conversations.findOwned(id, ownerId).flatMap(c -> c == null
                ? Uni.createFrom().<ConversationView>nullItem()
                : messages.tree(c.id, ownerId).map(all -> ConversationView.of(c,
                        c.currentLeafId == null ? List.of() : new MessageTree(all).branch(c.currentLeafId)))));
    }

    public Uni<ConversationView> update(UUID ownerId, UUID id, ConversationInput patch) {
        if (patch == null) {
            throw Problems.of(400, "bad_request", "Bad request", "A JSON body is required.");
        }
        branches.invalidate(id);
        return checkModel(patch.model()).flatMap(ok -> Panache.withTransaction(() -> apply(ownerId, id, patch)))
                .flatMap(updated -> updated == null ? Uni.createFrom().nullItem() : get(ownerId, id));
    }

    private Uni<Conversation> apply(UUID ownerId, UUID id, ConversationInput patch) {
        return conversations.findOwned(id, ownerId).flatMap(c -> {
            if (c == null) {
                return Uni.createFrom().nullItem();
            }
            if (patch.title() != null) {
                c.title = blankToNull(patch.title());
                c.titleSet = c.title != null;
            }
            if (patch.model() != null) {
                c.model = blankToNull(patch.model());
            }
            if (patch.systemPrompt() != null) {
                c.systemPrompt = blankToNull(patch.systemPrompt());
            }
            if (patch.params() != null) {
                c.temperature = patch.params().temperature();
                c.topP = patch.params().topP();
                c.maxTokens = patch.params().maxTokens();
            }
            c.updatedAt = now();
            if (patch.currentLeafId() == null) {
                return Uni.createFrom().item(c);
            }
            return messages.tree(c.id, ownerId).map(all -> {
                MessageTree tree = new MessageTree(all);
                if (!tree.contains(patch.currentLeafId())) {
                    throw Problems.invalidField("currentLeafId", "unknown_message",
                            "is not a message of this conversation");
                }
                c.currentLeafId = tree.newestLeafBelow(patch.currentLeafId());
                return c;
            });
        });
    }

    /** Deletes the conversation with its messages; false when the caller has none with this id. */
    public Uni<Boolean> delete(UUID ownerId, UUID id) {
        branches.invalidate(id);
        return Panache.withTransaction(() -> conversations.deleteOwned(id, ownerId)).map(count -> count > 0);
    }

    private Uni<Void> checkModel(String model) {
        if (model == null || model.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        return catalog.exists(model).invoke(exists -> {
            if (!exists) {
                throw Problems.invalidField("model", "unknown_model", "is not a model of GET /api/chat/models");
            }
        }).replaceWithVoid();
    }

    /** A case-insensitive LIKE pattern that matches the text literally (its % and _ included). */
    static String likePattern(String search) {
        String escaped = search.trim().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** PostgreSQL keeps microseconds; cutting here keeps cursors exact. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
