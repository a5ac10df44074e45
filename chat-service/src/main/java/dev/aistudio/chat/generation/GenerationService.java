package dev.aistudio.chat.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.chat.config.ChatConfig;
import dev.aistudio.chat.conversation.SamplingParams;
import dev.aistudio.chat.message.Message;
import dev.aistudio.chat.message.MessageView;
import dev.aistudio.chat.model.ModelCatalog;
import dev.aistudio.chat.model.ModelEntry;
import dev.aistudio.problem.Problems;
import dev.aistudio.chat.provider.ChatProvider;
import dev.aistudio.chat.provider.ChatTurn;
import dev.aistudio.chat.provider.ProviderRequest;
import dev.aistudio.chat.provider.Providers;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Starts replies (new message, edit-and-resend, regenerate), lets clients follow them from any replica, and stops
 * them. The generation itself belongs to the server: a follower leaving does not end it.
 */
@ApplicationScoped
public class GenerationService {

    private final ReplyStore store;
    private final ReplyStarts starts;
    private final GenerationRegistry registry;
    private final StoredReplyFollower storedFollower;
    private final ModelCatalog catalog;
    private final Providers providers;
    private final ChatConfig config;
    private final BranchCache branches;

    public GenerationService(ReplyStore store, ReplyStarts starts, GenerationRegistry registry, StoredReplyFollower storedFollower,
            ModelCatalog catalog, Providers providers, ChatConfig config, BranchCache branches) {
        this.branches = branches;
        this.store = store;
        this.starts = starts;
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
        refuseAtLimit(ownerId);
        boolean parentGiven = post.parentId() != null || post.editOf() != null;
        ReplyStarts.Context cached = post.editOf() != null ? null
                : branches.forNextReply(conversationId, ownerId, post.parentId());
        if (cached != null) {
            // no read: the write checks that the conversation is still as cached, else the start reads after all
            return send(ownerId, conversationId, post, post.parentId(), parentGiven, cached, true)
                    .onFailure(ReplyStarts.StaleContext.class).recoverWithUni(() -> {
                        branches.invalidate(conversationId);
                        return read(ownerId, conversationId, post, parentGiven);
                    });
        }
        return read(ownerId, conversationId, post, parentGiven);
    }

    private Uni<Reply> read(UUID ownerId, UUID conversationId, MessagePost post, boolean parentGiven) {
        return editedParent(post, conversationId, ownerId)
                .flatMap(parentId -> starts.context(conversationId, ownerId, parentId, parentGiven)
                        .flatMap(context -> send(ownerId, conversationId, post, parentId, parentGiven, context, false)));
    }

    private Uni<Reply> send(UUID ownerId, UUID conversationId, MessagePost post, UUID parentId, boolean parentGiven,
            ReplyStarts.Context context, boolean cached) {
        if (context == null) {
            throw Problems.notFound("conversation");
        }
        if (parentId != null || !parentGiven && context.currentLeaf() != null) {
            ReplyStarts.checkParent(context.parent(), conversationId);
        }
        return catalog.resolve(post.model() != null ? post.model() : context.conversation().model()).flatMap(model -> {
            checkFits(post.content(), model);
            List<ChatTurn> branch = new ArrayList<>(context.branch());
            branch.add(new ChatTurn(Message.USER, post.content()));
            return begin(context.conversation(), model, params(post.params(), context.conversation()), branch,
                    new ReplyStarts.NewReply(ownerId, conversationId, parentGiven ? parentId : context.currentLeaf(),
                            post.content(), !parentGiven, context.currentLeaf(), model.id(), model.provider(),
                            title(post.content()), config.maxConcurrentGenerations(), registry.instanceId(),
                            config.leaseDuration(), cached ? context.version() : null),
                    started -> branches.started(ownerId, context, post.content(), started));
        });
    }

    public Uni<Reply> regenerate(UUID ownerId, UUID messageId, RegenerateRequest request) {
        RegenerateRequest body = request != null ? request : new RegenerateRequest(null, null);
        refuseAtLimit(ownerId);
        return store.message(messageId, ownerId).flatMap(message -> {
            if (message == null) {
                throw Problems.notFound("message");
            }
            UUID userMessageId = Message.USER.equals(message.role()) ? message.id() : message.parentId();
            return starts.context(message.conversationId(), ownerId, userMessageId, true).flatMap(context -> {
                if (context == null || context.parent() == null || !Message.USER.equals(context.parent().role())) {
                    throw Problems.notFound("message");
                }
                return catalog.resolve(body.model() != null ? body.model() : context.conversation().model())
                        .flatMap(model -> begin(context.conversation(), model,
                                params(body.params(), context.conversation()), context.branch(),
                                new ReplyStarts.NewReply(ownerId, message.conversationId(), userMessageId, null, false,
                                        null, model.id(), model.provider(), null, config.maxConcurrentGenerations(),
                                        registry.instanceId(), config.leaseDuration(), null),
                                started -> branches.invalidate(message.conversationId())));
            });
        });
    }

    /** Re-attaches to a conversation's reply (the one streaming, else the latest) from character {@code from}. */
    public Uni<Reply> follow(UUID ownerId, UUID conversationId, UUID replyId, int from) {
        return store.replyToFollow(conversationId, ownerId, replyId).flatMap(reply -> {
            if (reply == null) {
                throw noReply();
            }
            Uni<MessageView> user = reply.parentId() == null ? Uni.createFrom().nullItem()
                    : store.message(reply.parentId(), ownerId);
            return user.map(userMessage -> new Reply(conversationId, userMessage, reply, follow(reply.id(), from)));
        });
    }

    /** What following an unknown conversation, or a reply it does not have, answers. */
    static HttpProblem noReply() {
        return Problems.of(404, "no_reply", "No reply to follow",
                "This conversation has no such reply (or no conversation with this id exists).");
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

    /**
     * Writes the reply's rows and launches its generation, all or nothing: once the rows are written the generation
     * is launched in the same callback, even if the caller stopped waiting (a start that timed out never leaves a
     * reply streaming that nothing generates); a caller that gave up before the write was sent writes nothing.
     */
    private Uni<Reply> begin(ReplyStore.ConversationDefaults conversation, ModelEntry model, SamplingParams params,
            List<ChatTurn> branch, ReplyStarts.NewReply reply, Consumer<ReplyStore.Started> onStored) {
        ChatProvider provider = providers.byName(model.provider()).orElseThrow(() -> Problems.of(400,
                "model_unavailable", "Model unavailable", "The model's provider '" + model.provider() + "' is unknown."));
        int replyTokens = params.maxTokens() != null ? params.maxTokens() : config.replyTokenReserve();
        int budget = ContextWindow.promptBudget(model.contextLength(), replyTokens);
        ProviderRequest request = new ProviderRequest(model.upstreamId(),
                ContextWindow.fit(conversation.systemPrompt(), branch, budget), params.temperature(), params.topP(),
                params.maxTokens());
        AtomicBoolean abandoned = new AtomicBoolean();
        return Uni.createFrom().<Reply>emitter(emitter -> {
            if (abandoned.get()) {
                emitter.fail(Problems.retryLater(503, "service_busy", "Service busy",
                        "The reply could not be started in time because the service is overloaded.", 5L));
                return;
            }
            // The write is sent first (the longer of the two), then the upstream call starts while the rows are
            // written, so the first token does not wait for the write; its text is kept in memory until the rows
            // exist. A start the write refuses (the limit counted across replicas) cancels the call. The write is
            // subscribed on its own: cancelling the caller's subscription cannot drop the generation once it was sent.
            int running = registry.runningFor(reply.ownerId());
            if (running >= reply.maxConcurrent()) {
                emitter.fail(ReplyStarts.tooMany(running, reply.maxConcurrent()));
                return;
            }
            Generation generation = registry.register(reply.ownerId(), planned(reply));
            starts.insert(reply).subscribe().with(started -> {
                onStored.accept(started);
                generation.persisted();
                emitter.complete(new Reply(started.assistantMessage().conversationId(), started.userMessage(),
                        started.assistantMessage(), generation.follow(0)));
            }, failure -> {
                generation.discard();
                emitter.fail(failure);
            });
            generation.run(provider.stream(request));
        }).onCancellation().invoke(() -> abandoned.set(true));
    }

    /** The reply row as the write will create it (the generation needs its identity before it is stored). */
    private static MessageView planned(ReplyStarts.NewReply reply) {
        return new MessageView(reply.replyId(), reply.conversationId(), reply.userMessageId(), Message.ASSISTANT, "",
                "streaming", reply.model(), reply.provider(), null, null, null, java.time.Instant.now(), null, null);
    }

    /** At the limit on this replica alone (counting starts under way): refused at once, before any other work. */
    private void refuseAtLimit(UUID ownerId) {
        int running = registry.runningFor(ownerId);
        if (running >= config.maxConcurrentGenerations()) {
            throw ReplyStarts.tooMany(running, config.maxConcurrentGenerations());
        }
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
