package dev.aistudio.chat.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.aistudio.chat.config.ChatConfig;
import dev.aistudio.chat.message.Message;
import dev.aistudio.chat.message.MessageStatus;
import dev.aistudio.chat.message.MessageView;
import dev.aistudio.chat.provider.ChatTurn;

/**
 * The context of the next reply (conversation defaults, current leaf, branch) of conversations recently created or
 * replied to on this replica, so that a start can skip its read. An entry is only a guess: it carries the conversation
 * row's version ({@code xmin}) it was read or written at, and the start's write refuses to insert when the row has
 * changed since (an edit, a branch switch or a message through another replica), and the start then reads afresh.
 * Messages that ended never change, so the version of the conversation row covers the whole branch. Bounded by the
 * characters it holds ({@code studio.chat.branch-cache-chars}) and dropped when unused ({@code branch-cache-idle}).
 */
@ApplicationScoped
public class BranchCache {

    private record Entry(UUID ownerId, ReplyStarts.Context context) {
    }

    private final Cache<UUID, Entry> entries;
    private final boolean enabled;

    public BranchCache(ChatConfig config) {
        this.enabled = config.branchCacheChars() > 0;
        this.entries = Caffeine.newBuilder().maximumWeight(Math.max(1, config.branchCacheChars()))
                .weigher((UUID id, Entry entry) -> weight(entry.context()))
                .expireAfterAccess(config.branchCacheIdle()).build();
    }

    /**
     * The context of a reply to the conversation's current leaf ({@code parentId} null or that leaf), as cached for
     * this owner; null when there is none, or when the leaf is still being generated (then the start reads, to refuse
     * or to see that it ended).
     */
    ReplyStarts.Context forNextReply(UUID conversationId, UUID ownerId, UUID parentId) {
        Entry entry = entries.getIfPresent(conversationId);
        if (entry == null || !entry.ownerId().equals(ownerId)) {
            return null;
        }
        ReplyStarts.Context context = entry.context();
        if (parentId != null && !parentId.equals(context.currentLeaf())) {
            return null;
        }
        if (context.currentLeaf() != null
                && (context.parent() == null || MessageStatus.streaming.name().equals(context.parent().status()))) {
            return null;
        }
        return context;
    }

    /** A conversation created here: no messages yet, at the version its insert gave it. */
    public void created(UUID ownerId, ReplyStore.ConversationDefaults conversation, String version) {
        if (enabled && version != null) {
            entries.put(conversation.id(), new Entry(ownerId,
                    new ReplyStarts.Context(conversation, null, null, List.of(), version)));
        }
    }

    /** A reply started after {@code userContent} on top of {@code before}: its reply is the new leaf, generating. */
    void started(UUID ownerId, ReplyStarts.Context before, String userContent, ReplyStore.Started started) {
        if (!enabled || started.conversationVersion() == null) {
            return;
        }
        List<ChatTurn> branch = new ArrayList<>(before.branch());
        if (!userContent.isEmpty()) {
            branch.add(new ChatTurn(Message.USER, userContent));
        }
        MessageView reply = started.assistantMessage();
        entries.put(reply.conversationId(), new Entry(ownerId, new ReplyStarts.Context(before.conversation(),
                reply.id(), parent(reply), List.copyOf(branch), started.conversationVersion())));
    }

    /**
     * A reply generated here ended, as stored: when it is the cached leaf, its text joins the branch and the next
     * reply may follow it. (Ending it changes only its own row, so the conversation's version stays.)
     */
    void replyEnded(MessageView stored) {
        if (!enabled || MessageStatus.streaming.name().equals(stored.status())) {
            return;
        }
        entries.asMap().computeIfPresent(stored.conversationId(), (id, entry) -> {
            ReplyStarts.Context context = entry.context();
            if (!stored.id().equals(context.currentLeaf()) || context.parent() == null
                    || !MessageStatus.streaming.name().equals(context.parent().status())) {
                return entry;
            }
            List<ChatTurn> branch = new ArrayList<>(context.branch());
            if (stored.content() != null && !stored.content().isEmpty()) {
                branch.add(new ChatTurn(Message.ASSISTANT, stored.content()));
            }
            return new Entry(entry.ownerId(), new ReplyStarts.Context(context.conversation(), stored.id(),
                    parent(stored), List.copyOf(branch), context.version()));
        });
    }

    /** Forgets a conversation (changed or deleted here, or found changed elsewhere). */
    public void invalidate(UUID conversationId) {
        entries.invalidate(conversationId);
    }

    private static ReplyStarts.Parent parent(MessageView reply) {
        return new ReplyStarts.Parent(reply.id(), reply.conversationId(), reply.role(), reply.status());
    }

    private static int weight(ReplyStarts.Context context) {
        long chars = 64;
        String systemPrompt = context.conversation().systemPrompt();
        if (systemPrompt != null) {
            chars += systemPrompt.length();
        }
        for (ChatTurn turn : context.branch()) {
            chars += 16 + turn.content().length();
        }
        return (int) Math.min(Integer.MAX_VALUE, chars);
    }
}
