package dev.aistudio.chat.generation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.chat.message.Message;
import dev.aistudio.chat.message.MessageView;
import dev.aistudio.problem.Problems;
import dev.aistudio.chat.provider.ChatTurn;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The database side of starting a reply. A read without locks: the conversation's defaults and the branch the reply
 * follows (its context), with the conversation row's version (PostgreSQL's {@code xmin}, new with every change of the
 * row). Then one write, all-or-nothing, one statement in its own transaction: the owner's advisory lock and the count
 * of the owner's replies being generated (a function, so that the count is taken after the lock), the limit check and
 * the inserts. The read is skipped when {@link BranchCache} knows the context: the write then also checks that the
 * conversation row is still at the version the context was read at, and refuses with {@link StaleContext} otherwise.
 */
@ApplicationScoped
public class ReplyStarts {

    private static final String COLUMNS = "id, conversation_id, parent_id, role, content, status, model, provider, "
            + "prompt_tokens, completion_tokens, ttft_ms, duration_ms, tokens_per_second, error, created_at, finished_at";

    private static final String CONTEXT = "with recursive c as (select id, model, system_prompt, temperature, top_p,"
            + " max_tokens, current_leaf_id, xmin::text as version from conversations where id = $1 and owner_id = $2),"
            + " p as (select case when $4 then $3::uuid else c.current_leaf_id end as pid from c),"
            + " b as (select m.id, m.parent_id, m.conversation_id, m.role, m.status, m.content, 0 as depth"
            + " from messages m join p on m.id = p.pid where m.owner_id = $2"
            + " union all select m.id, m.parent_id, m.conversation_id, m.role, m.status, m.content, b.depth + 1"
            + " from messages m join b on m.id = b.parent_id)"
            + " select c.model, c.system_prompt, c.temperature, c.top_p, c.max_tokens, c.current_leaf_id, c.version, p.pid,"
            + " b.id as mid, b.conversation_id as mconv, b.role, b.status, b.content, b.depth"
            + " from c cross join p left join b on true order by b.depth desc nulls last";

    // $1 owner, $2 conversation, $3 new user message id, $4 parent of the user message (or, regenerating, the
    // existing user message), $5 user content (null when regenerating), $6 reply id, $7 model, $8 provider,
    // $9 lease owner, $10 lease seconds, $11 title, $12 limit, $13 follows the current leaf, $14 expected leaf, $15 now,
    // $16 the conversation row's version the context was read at (null: not checked)
    private static final String INSERT = "with running as (select lock_owner_count_streaming($1) as n),"
            + " conv as (update conversations set current_leaf_id = $6, updated_at = $15,"
            + " title = case when title_set or title is not null then title else $11 end"
            + " where id = $2 and owner_id = $1 and (not $13 or current_leaf_id is not distinct from $14)"
            + " and ($16::text is null or xmin::text = $16::text)"
            + " and (select n from running) < $12::int returning id, xmin::text as version),"
            + " um as (insert into messages (id, conversation_id, owner_id, parent_id, role, content, status, created_at,"
            + " finished_at) select $3, $2, $1, $4, 'user', $5, 'complete', $15, $15 from conv where $5::text is not null"
            + " returning " + COLUMNS + "),"
            + " rm as (insert into messages (id, conversation_id, owner_id, parent_id, role, content, status, model,"
            + " provider, lease_owner, lease_expires_at, created_at) select $6, $2, $1,"
            + " case when $5::text is null then $4 else $3 end, 'assistant', '', 'streaming', $7, $8, $9,"
            + " now() + make_interval(secs => $10), $15 + interval '1 microsecond' from conv returning " + COLUMNS + "),"
            + " existing as (select " + COLUMNS + " from messages where id = $4 and $5::text is null"
            + " and exists (select 1 from conv))"
            + " select r.n as running, exists (select 1 from conversations where id = $2 and owner_id = $1) as found,"
            + " (select version from conv) as version, x.* from running r left join (select 'user' as kind, " + COLUMNS + " from um"
            + " union all select 'user', " + COLUMNS + " from existing"
            + " union all select 'reply', " + COLUMNS + " from rm) x on true";

    private final Pool pool;

    public ReplyStarts(Pool pool) {
        this.pool = pool;
    }

    /** The message a reply would follow, as read before starting it. */
    public record Parent(UUID id, UUID conversationId, String role, String status) {
    }

    /**
     * What a start needs to know before writing: the conversation's defaults and the branch it extends (turns with
     * text, oldest first), read at the conversation row's {@code version}.
     */
    public record Context(ReplyStore.ConversationDefaults conversation, UUID currentLeaf, Parent parent,
            List<ChatTurn> branch, String version) {
    }

    /** The write was refused because the conversation changed since its context was read (from the cache). */
    static final class StaleContext extends RuntimeException {
        StaleContext() {
            super("the conversation changed since its context was read", null, false, false);
        }
    }

    /**
     * The conversation and the branch ending at {@code parentId} (when {@code parentGiven}) or at the conversation's
     * current leaf; null when the caller has no such conversation.
     */
    public Uni<Context> context(UUID conversationId, UUID ownerId, UUID parentId, boolean parentGiven) {
        return pool.preparedQuery(CONTEXT).execute(Tuple.of(conversationId, ownerId, parentId, parentGiven))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    ReplyStore.ConversationDefaults conversation = null;
                    UUID leaf = null;
                    String version = null;
                    Parent parent = null;
                    List<ChatTurn> branch = new ArrayList<>();
                    for (Row r : rows) {
                        if (conversation == null) {
                            conversation = new ReplyStore.ConversationDefaults(conversationId, r.getString("model"),
                                    r.getString("system_prompt"), r.getDouble("temperature"), r.getDouble("top_p"),
                                    r.getInteger("max_tokens"));
                            leaf = r.getUUID("current_leaf_id");
                            version = r.getString("version");
                        }
                        if (r.getUUID("mid") == null) {
                            continue;
                        }
                        if (!r.getString("content").isEmpty()) {
                            branch.add(new ChatTurn(r.getString("role"), r.getString("content")));
                        }
                        if (r.getInteger("depth") == 0) {
                            parent = new Parent(r.getUUID("mid"), r.getUUID("mconv"), r.getString("role"),
                                    r.getString("status"));
                        }
                    }
                    return new Context(conversation, leaf, parent, List.copyOf(branch), version);
                });
    }

    /** A reply to write: after a new user message ({@code userContent}), or below an existing one (regenerate). */
    public record NewReply(UUID ownerId, UUID conversationId, UUID parentId, String userContent, boolean followsLeaf,
            UUID expectedLeaf, String model, String provider, String title, int maxConcurrent, UUID leaseOwner,
            Duration lease, String expectedVersion, UUID userMessageId, UUID replyId) {

        /** {@code expectedVersion}: the conversation row's version its context was read at, or null (not checked). */
        public NewReply(UUID ownerId, UUID conversationId, UUID parentId, String userContent, boolean followsLeaf,
                UUID expectedLeaf, String model, String provider, String title, int maxConcurrent, UUID leaseOwner,
                Duration lease, String expectedVersion) {
            this(ownerId, conversationId, parentId, userContent, followsLeaf, expectedLeaf, model, provider, title,
                    maxConcurrent, leaseOwner, lease, expectedVersion, userContent != null ? UUID.randomUUID() : parentId,
                    UUID.randomUUID());
        }
    }

    /**
     * Writes the messages of a new reply and makes it the conversation's current branch, or nothing: 429 over the
     * owner's limit (counted across replicas, under the owner's lock), 404 when the conversation went away, 409 when
     * another message moved the branch meanwhile, {@link StaleContext} when the conversation is no longer at the
     * expected version. One statement, in a transaction of its own (one round trip).
     */
    public Uni<ReplyStore.Started> insert(NewReply reply) {
        UUID userId = reply.userMessageId();
        UUID replyId = reply.replyId();
        Tuple values = Tuple.tuple().addUUID(reply.ownerId()).addUUID(reply.conversationId()).addUUID(userId)
                .addUUID(reply.parentId()).addString(reply.userContent()).addUUID(replyId).addString(reply.model())
                .addString(reply.provider()).addUUID(reply.leaseOwner()).addDouble(reply.lease().toMillis() / 1000.0)
                .addString(reply.title()).addInteger(reply.maxConcurrent()).addBoolean(reply.followsLeaf())
                .addUUID(reply.expectedLeaf()).addOffsetDateTime(ReplyStore.now()).addString(reply.expectedVersion());
        return pool.preparedQuery(INSERT).execute(values).map(rows -> started(rows, reply));
    }

    /**
     * Runs the start's two statements on {@code connection} for nobody (a random owner and conversation: nothing is
     * read or written), so that a new connection has them parsed and planned, and PostgreSQL's caches loaded, before
     * a reply needs them: the first run on a fresh connection took 10-27 ms.
     */
    Uni<Void> warm(SqlConnection connection) {
        UUID nobody = UUID.randomUUID();
        Tuple values = Tuple.tuple().addUUID(nobody).addUUID(nobody).addUUID(nobody).addUUID(nobody)
                .addString("warm-up").addUUID(nobody).addString("warm-up").addString("warm-up").addUUID(nobody)
                .addDouble(1.0).addString("warm-up").addInteger(1).addBoolean(true).addUUID(null)
                .addOffsetDateTime(ReplyStore.now()).addString("0");
        return connection.preparedQuery(CONTEXT).execute(Tuple.of(nobody, nobody, null, false))
                .chain(() -> connection.preparedQuery(INSERT).execute(values)).replaceWithVoid();
    }

    private static ReplyStore.Started started(RowSet<Row> rows, NewReply reply) {
        MessageView user = null;
        MessageView assistant = null;
        long running = 0;
        boolean found = false;
        String version = null;
        for (Row r : rows) {
            running = r.getLong("running");
            found = r.getBoolean("found");
            version = r.getString("version");
            String kind = r.getString("kind");
            if ("user".equals(kind)) {
                user = ReplyStore.view(r);
            } else if ("reply".equals(kind)) {
                assistant = ReplyStore.view(r);
            }
        }
        if (assistant != null && user != null) {
            return new ReplyStore.Started(user, assistant, version);
        }
        if (running >= reply.maxConcurrent()) {
            throw tooMany(running, reply.maxConcurrent());
        }
        if (!found) {
            throw Problems.notFound("conversation");
        }
        if (reply.expectedVersion() != null) {
            throw new StaleContext();
        }
        if (reply.userContent() == null) {
            throw Problems.notFound("message");
        }
        throw Problems.of(409, "reply_in_progress", "A reply is still being generated",
                "Another message was added to this conversation at the same time; reload it and send again.");
    }

    static RuntimeException tooMany(long running, int max) {
        return Problems.retryLater(429, "too_many_generations", "Too many replies at once",
                "You already have " + running + " replies being generated; at most " + max
                        + " at a time. Wait for one to finish or stop it.", 1L);
    }

    /** Checks the message a new user message follows, as the old single transaction did. */
    static void checkParent(Parent parent, UUID conversationId) {
        if (parent == null || !parent.conversationId().equals(conversationId)) {
            throw Problems.invalidField("parentId", "invalid_parent", "is not a message of this conversation");
        }
        if (!Message.ASSISTANT.equals(parent.role())) {
            throw Problems.invalidField("parentId", "invalid_parent",
                    "must be a reply (a new message follows a reply; to edit a message, send the"
                            + " new version with the edited message's parentId)");
        }
        if ("streaming".equals(parent.status())) {
            throw Problems.of(409, "reply_in_progress", "A reply is still being generated",
                    "The message it follows is still being generated; wait for it or stop it.");
        }
    }
}
