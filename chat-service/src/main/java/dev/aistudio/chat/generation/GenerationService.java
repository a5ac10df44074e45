package dev.aistudio.chat.generation;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.chat.config.ChatConfig;
import dev.aistudio.chat.conversation.SamplingParams;
import dev.aistudio.chat.message.Message;
import dev.aistudio.chat.message.MessageView;
import dev.aistudio.chat.model.ModelCatalog;
import dev.aistudio.chat.model.ModelEntry;
import dev.aistudio.chat.problem.Problems;
import dev.aistudio.chat.provider.ChatProvider;
import dev.aistudio.chat.provider.ProviderEvent;
import dev.aistudio.chat.provider.ProviderRequest;
import dev.aistudio.chat.provider.Providers;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Starts replies (new message, edit-and-resend, regenerate), lets clients follow them from any replica, and stops
 * them. The generation itself belongs to the server: a follower leaving does not end it.
 */
@ApplicationScoped
public class GenerationService {

    private final ReplyStore store;
    private final GenerationRegistry registry;
    private final StoredReplyFollower storedFollower;
    private final ModelCatalog catalog;
    private final Providers providers;
    private final ChatConfig config;

    public GenerationService(ReplyStore store, GenerationRegistry registry, StoredReplyFollower storedFollower,
            ModelCatalog catalog, Providers providers, ChatConfig config) {
        this.store = store;
        this.registry = registry;
        this.storedFollower = storedFollower;
        this.catalog = catalog;
        this.providers = providers;
        this.config = config;
    }

    /** A reply that has started: its stored messages, and its events from the first character. */
    public record Reply(UUID conversationId, MessageView userMessage, MessageView assistantMessage,
            Multi<ReplyEvent> events) {
    }

    public Uni<Reply> send(UUID ownerId, UUID conversationId, MessagePost post) {
        checkSize(post.content());
        if (post.parentId() != null && post.editOf() != null) {
            throw Problems.invalidField("editOf", "invalid_parent", "cannot be combined with parentId");
        }
        return conversation(conversationId, ownerId).flatMap(conversation -> editedParent(post, conversationId, ownerId)
                .flatMap(parent -> catalog.resolve(post.model() != null ? post.model() : conversation.model())
                        .flatMap(model -> {
                            checkFits(post.content(), model);
                            boolean parentGiven = post.parentId() != null || post.editOf() != null;
                            return begin(conversation, model, params(post.params(), conversation),
                                    newReply(ownerId, conversationId, parent, parentGiven, post.content(), null, model,
                                            title(post.content())));
                        })));
    }

    public Uni<Reply> regenerate(UUID ownerId, UUID messageId, RegenerateRequest request) {
        RegenerateRequest body = request != null ? request : new RegenerateRequest(null, null);
        return store.message(messageId, ownerId).flatMap(message -> {
            if (message == null) {
                throw Problems.notFound("message");
            }
            UUID userMessageId = Message.USER.equals(message.role()) ? message.id() : message.parentId();
            return conversation(message.conversationId(), ownerId)
                    .flatMap(conversation -> catalog.resolve(body.model() != null ? body.model() : conversation.model())
                            .flatMap(model -> begin(conversation, model, params(body.params(), conversation),
                                    newReply(ownerId, message.conversationId(), null, false, null, userMessageId,
                                            model, null))));
        });
    }

    /** Re-attaches to a conversation's reply (the one streaming, else the latest) from character {@code from}. */
    public Uni<Reply> follow(UUID ownerId, UUID conversationId, UUID replyId, int from) {
        return store.replyToFollow(conversationId, ownerId, replyId).flatMap(reply -> {
            if (reply == null) {
                throw Problems.of(404, "no_reply", "No reply to follow",
                        "This conversation has no such reply (or no conversation with this id exists).");
            }
            Uni<MessageView> user = reply.parentId() == null ? Uni.createFrom().nullItem()
                    : store.message(reply.parentId(), ownerId);
            return user.map(userMessage -> new Reply(conversationId, userMessage, reply, follow(reply.id(), from)));
        });
    }

    /**
     * Stops the conversation's reply being generated, on whichever replica generates it, and answers it as stored
     * once stopped (or as it stands after {@code studio.chat.stop-wait}).
     */
    public Uni<MessageView> stop(UUID ownerId, UUID conversationId) {
        return store.requestStop(conversationId, ownerId).flatMap(ids -> {
            if (ids.isEmpty()) {
                return conversation(conversationId, ownerId).map(c -> {
                    throw Problems.of(409, "not_generating", "Nothing to stop",
                            "No reply is being generated in this conversation.");
                });
            }
            UUID id = ids.get(0);
            ids.forEach(registry::stopLocal);
            return follow(id, Integer.MAX_VALUE)
                    .filter(event -> event instanceof ReplyEvent.Finished).map(event -> ((ReplyEvent.Finished) event).message())
                    .toUni()
                    .ifNoItem().after(config.stopWait()).recoverWithUni(() -> store.message(id, ownerId));
        });
    }

    /** The reply from character {@code from}: from memory when generated here, else from the database. */
    Multi<ReplyEvent> follow(UUID replyId, int from) {
        return registry.local(replyId).map(generation -> generation.follow(from))
                .orElseGet(() -> storedFollower.follow(replyId, from));
    }

    private Uni<Reply> begin(ReplyStore.ConversationDefaults conversation, ModelEntry model, SamplingParams params,
            ReplyStore.NewReply reply) {
        ChatProvider provider = providers.byName(model.provider()).orElseThrow(() -> Problems.of(400,
                "model_unavailable", "Model unavailable", "The model's provider '" + model.provider() + "' is unknown."));
        return store.start(reply).flatMap(started -> store.branch(started.userMessage().id(), reply.ownerId())
                .map(branch -> {
                    int replyTokens = params.maxTokens() != null ? params.maxTokens() : config.replyTokenReserve();
                    int budget = ContextWindow.promptBudget(model.contextLength(), replyTokens);
                    ProviderRequest request = new ProviderRequest(model.upstreamId(),
                            ContextWindow.fit(conversation.systemPrompt(), branch, budget), params.temperature(),
                            params.topP(), params.maxTokens());
                    return launch(started, provider.stream(request));
                })
                // the rows exist: a failure now must end the reply, not leave it streaming until its lease lapses
                .onFailure().recoverWithItem(failure -> launch(started, Multi.createFrom().failure(failure))));
    }

    private Reply launch(ReplyStore.Started started, Multi<ProviderEvent> events) {
        Generation generation = registry.launch(started.assistantMessage(), events);
        return new Reply(started.assistantMessage().conversationId(), started.userMessage(),
                started.assistantMessage(), generation.follow(0));
    }

    private ReplyStore.NewReply newReply(UUID ownerId, UUID conversationId, UUID parentId, boolean parentGiven,
            String content, UUID userMessageId, ModelEntry model, String title) {
        return new ReplyStore.NewReply(ownerId, conversationId, parentId, parentGiven, content, userMessageId,
                model.id(), model.provider(), title, config.maxConcurrentGenerations(), registry.instanceId(),
                config.leaseDuration());
    }

    private Uni<ReplyStore.ConversationDefaults> conversation(UUID conversationId, UUID ownerId) {
        return store.conversation(conversationId, ownerId).onItem().ifNull()
                .failWith(() -> Problems.notFound("conversation"));
    }

    /** For an edit: the parent of the message being replaced, so the new version becomes its sibling. */
    private Uni<UUID> editedParent(MessagePost post, UUID conversationId, UUID ownerId) {
        if (post.editOf() == null) {
            return Uni.createFrom().item(post.parentId());
        }
        return store.message(post.editOf(), ownerId).map(edited -> {
            if (edited == null || !edited.conversationId().equals(conversationId)
                    || !Message.USER.equals(edited.role())) {
                throw Problems.invalidField("editOf", "invalid_parent", "is not a user message of this conversation");
            }
            return edited.parentId();
        });
    }

    private static SamplingParams params(SamplingParams requested, ReplyStore.ConversationDefaults conversation) {
        SamplingParams defaults = new SamplingParams(conversation.temperature(), conversation.topP(),
                conversation.maxTokens());
        return requested == null ? defaults : requested.over(defaults);
    }

    private void checkSize(String content) {
        if (content != null && content.length() > config.maxMessageChars()) {
            throw Problems.of(413, "message_too_long", "Message too long", "A message may have at most "
                    + config.maxMessageChars() + " characters; this one has " + content.length() + ".");
        }
    }

    private void checkFits(String content, ModelEntry model) {
        if (ContextWindow.estimateTokens(content) > ContextWindow.promptBudget(model.contextLength(),
                config.replyTokenReserve())) {
            throw Problems.of(400, "context_too_long", "Message too long for the model", "The message does not fit in "
                    + model.name() + "'s context of " + model.contextLength() + " tokens.");
        }
    }

    private String title(String content) {
        String oneLine = content.replaceAll("\\s+", " ").trim();
        int max = config.titleMaxChars();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1).trim() + "…";
    }
}
