package dev.aistudio.chat.generation;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.chat.message.Message;
import dev.aistudio.chat.message.MessageStatus;
import dev.aistudio.chat.message.MessageView;
import dev.aistudio.chat.problem.Problems;
import dev.aistudio.chat.provider.ChatTurn;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The stored side of replies being generated, in plain SQL on the reactive client: starting one (with the per-user
 * limit), growing its text in batches, finishing it, leases, stop requests. Every change of a reply is announced
 * with NOTIFY on {@value #REPLY_CHANNEL} so followers on any replica re-read it.
 */
@ApplicationScoped
public class ReplyStore {

    public static final String REPLY_CHANNEL = "chat_reply";
    public static final String STOP_CHANNEL = "chat_stop";

    private static final String COLUMNS = "id, conversation_id, parent_id, role, content, status, model, provider, "
            + "prompt_tokens, completion_tokens, ttft_ms, duration_ms, tokens_per_second, error, created_at, finished_at";

    private final Pool pool;

    public ReplyStore(Pool pool) {
        this.pool = pool;
    }

    /** What a new reply needs from its conversation. */
    public record ConversationDefaults(UUID id, String model, String systemPrompt, Double temperature, Double topP,
            Integer maxTokens) {
    }

    /** A reply to start: after a new user message ({@code userContent}), or below an existing one (regenerate). */
    public record NewReply(UUID ownerId, UUID conversationId, UUID parentId, boolean parentGiven, String userContent,
            UUID existingUserMessageId, String model, String provider, String title, int maxConcurrent,
            UUID leaseOwner, Duration lease) {
    }

    public record Started(MessageView userMessage, MessageView assistantMessage) {
    }

    public Uni<ConversationDefaults> conversation(UUID conversationId, UUID ownerId) {
        return pool.preparedQuery("select id, model, system_prompt, temperature, top_p, max_tokens from conversations"
                + " where id = $1 and owner_id = $2").execute(Tuple.of(conversationId, ownerId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new ConversationDefaults(r.getUUID("id"), r.getString("model"), r.getString("system_prompt"),
                            r.getDouble("temperature"), r.getDouble("top_p"), r.getInteger("max_tokens"));
                });
    }

    /** One message of the caller's, or null. */
    public Uni<MessageView> message(UUID id, UUID ownerId) {
        return pool.preparedQuery("select " + COLUMNS + " from messages where id = $1 and owner_id = $2")
                .execute(Tuple.of(id, ownerId)).map(ReplyStore::firstView);
    }

    /** One message, whoever owns it (for followers, who were checked when they attached). */
    public Uni<MessageView> message(UUID id) {
        return pool.preparedQuery("select " + COLUMNS + " from messages where id = $1")
                .execute(Tuple.of(id)).map(ReplyStore::firstView);
    }

    /**
     * The reply a re-attach follows: the given one, else the newest one still streaming, else the branch's last
     * message when it is a reply. Null when there is none.
     */
    public Uni<MessageView> replyToFollow(UUID conversationId, UUID ownerId, UUID messageId) {
        if (messageId != null) {
            return pool.preparedQuery("select " + COLUMNS + " from messages where id = $1 and conversation_id = $2"
                    + " and owner_id = $3 and role = 'assistant'").execute(Tuple.of(messageId, conversationId, ownerId))
                    .map(ReplyStore::firstView);
        }
        return pool.preparedQuery("select " + COLUMNS + " from messages m where m.conversation_id = $1 and m.owner_id = $2"
                + " and m.role = 'assistant' and (m.status = 'streaming' or m.id = (select current_leaf_id from"
                + " conversations where id = $1 and owner_id = $2)) order by (m.status = 'streaming') desc,"
                + " m.created_at desc limit 1").execute(Tuple.of(conversationId, ownerId)).map(ReplyStore::firstView);
    }

    /**
     * Inserts the user message (unless regenerating) and the streaming reply, makes it the conversation's current
     * branch, all in one transaction that holds the owner's advisory lock, so the concurrent-generation limit holds
     * across replicas.
     */
    public Uni<Started> start(NewReply reply) {
        return pool.withTransaction(conn -> conn.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of(reply.ownerId().toString()))
                .flatMap(locked -> conn.preparedQuery("select count(*) from messages where owner_id = $1"
                        + " and status = 'streaming'").execute(Tuple.of(reply.ownerId())))
                .flatMap(count -> {
                    long running = count.iterator().next().getLong(0);
                    if (running >= reply.maxConcurrent()) {
                        throw Problems.retryLater(429, "too_many_generations", "Too many replies at once",
                                "You already have " + running + " replies being generated; at most "
                                        + reply.maxConcurrent() + " at a time. Wait for one to finish or stop it.", 1L);
                    }
                    return conn.preparedQuery("select current_leaf_id from conversations where id = $1 and owner_id = $2"
                            + " for update").execute(Tuple.of(reply.conversationId(), reply.ownerId()));
                })
                .flatMap(conversation -> {
                    if (conversation.size() == 0) {
                        throw Problems.notFound("conversation");
                    }
                    return reply.userContent() != null
                            ? insertUserMessage(conn, reply, conversation.iterator().next().getUUID("current_leaf_id"))
                            : message(conn, reply.existingUserMessageId(), reply.conversationId());
                })
                .flatMap(user -> {
                    if (user == null) {
                        throw Problems.notFound("message");
                    }
                    return insertReply(conn, reply, user.id())
                            .flatMap(assistant -> conn.preparedQuery("update conversations set current_leaf_id = $1,"
                                    + " updated_at = $2, title = case when title_set or title is not null then title"
                                    + " else $3 end where id = $4")
                                    .execute(Tuple.of(assistant.id(), now(), reply.title(), reply.conversationId()))
                                    .replaceWith(new Started(user, assistant)));
                }));
    }

    private Uni<MessageView> insertUserMessage(SqlConnection conn, NewReply reply, UUID currentLeaf) {
        UUID parent = reply.parentGiven() ? reply.parentId() : currentLeaf;
        Uni<Void> parentChecked = parent == null ? Uni.createFrom().voidItem()
                : conn.preparedQuery("select role, status from messages where id = $1 and conversation_id = $2")
                        .execute(Tuple.of(parent, reply.conversationId())).map(rows -> {
                            if (rows.size() == 0) {
                                throw Problems.invalidField("parentId", "invalid_parent",
                                        "is not a message of this conversation");
                            }
                            Row r = rows.iterator().next();
                            if (!Message.ASSISTANT.equals(r.getString("role"))) {
                                throw Problems.invalidField("parentId", "invalid_parent",
                                        "must be a reply (a new message follows a reply; to edit a message, send the"
                                                + " new version with the edited message's parentId)");
                            }
                            if (MessageStatus.streaming.name().equals(r.getString("status"))) {
                                throw Problems.of(409, "reply_in_progress", "A reply is still being generated",
                                        "The message it follows is still being generated; wait for it or stop it.");
                            }
                            return null;
                        });
        return parentChecked.flatMap(ok -> insert(conn, reply.conversationId(), reply.ownerId(), parent, Message.USER,
                reply.userContent(), MessageStatus.complete, null, null, null, null));
    }

    private Uni<MessageView> insertReply(SqlConnection conn, NewReply reply, UUID userMessageId) {
        return insert(conn, reply.conversationId(), reply.ownerId(), userMessageId, Message.ASSISTANT, "",
                MessageStatus.streaming, reply.model(), reply.provider(), reply.leaseOwner(), reply.lease());
    }

    private Uni<MessageView> insert(SqlConnection conn, UUID conversationId, UUID ownerId, UUID parentId, String role,
            String content, MessageStatus status, String model, String provider, UUID leaseOwner, Duration lease) {
        UUID id = UUID.randomUUID();
        OffsetDateTime created = now();
        Tuple values = Tuple.tuple().addUUID(id).addUUID(conversationId).addUUID(ownerId).addUUID(parentId)
                .addString(role).addString(content).addString(status.name()).addString(model).addString(provider)
                .addUUID(leaseOwner).addDouble(lease == null ? null : lease.toMillis() / 1000.0)
                .addOffsetDateTime(created).addOffsetDateTime(status == MessageStatus.complete ? created : null);
        return conn.preparedQuery("insert into messages (id, conversation_id, owner_id, parent_id, role, content, status,"
                + " model, provider, lease_owner, lease_expires_at, created_at, finished_at) values ($1, $2, $3, $4, $5,"
                + " $6, $7, $8, $9, $10, case when $11::float8 is null then null else now() + make_interval(secs => $11)"
                + " end, $12, $13) returning " + COLUMNS).execute(values).map(ReplyStore::firstView);
    }

    private Uni<MessageView> message(SqlConnection conn, UUID id, UUID conversationId) {
        return conn.preparedQuery("select " + COLUMNS + " from messages where id = $1 and conversation_id = $2")
                .execute(Tuple.of(id, conversationId)).map(ReplyStore::firstView);
    }

    /** The branch ending at {@code messageId}, oldest first, as context for the provider. */
    public Uni<List<ChatTurn>> branch(UUID messageId, UUID ownerId) {
        return pool.preparedQuery("with recursive branch as ("
                + " select id, parent_id, role, content, 0 as depth from messages where id = $1 and owner_id = $2"
                + " union all select m.id, m.parent_id, m.role, m.content, b.depth + 1 from messages m"
                + " join branch b on m.id = b.parent_id)"
                + " select role, content from branch order by depth desc").execute(Tuple.of(messageId, ownerId))
                .map(rows -> {
                    List<ChatTurn> turns = new ArrayList<>();
                    for (Row r : rows) {
                        if (!r.getString("content").isEmpty()) {
                            turns.add(new ChatTurn(r.getString("role"), r.getString("content")));
                        }
                    }
                    return turns;
                });
    }

    /** Adds text to a reply still streaming; false when it no longer is (stopped elsewhere, lease lost, deleted). */
    public Uni<Boolean> append(UUID id, String text) {
        return pool.preparedQuery("update messages set content = content || $2 where id = $1 and status = 'streaming'"
                + " returning pg_notify('" + REPLY_CHANNEL + "', id::text)").execute(Tuple.of(id, text))
                .map(rows -> rows.rowCount() > 0);
    }

    /** How a reply ended, as stored. */
    public record Ending(MessageStatus status, Integer promptTokens, Integer completionTokens, Integer ttftMs,
            Integer durationMs, Double tokensPerSecond, String errorJson) {
    }

    /** Writes the last text and how the reply ended; null when it had already ended (then nothing is changed). */
    public Uni<MessageView> finish(UUID id, String text, Ending ending) {
        Tuple values = Tuple.tuple().addUUID(id).addString(text).addString(ending.status().name())
                .addInteger(ending.promptTokens()).addInteger(ending.completionTokens()).addInteger(ending.ttftMs())
                .addInteger(ending.durationMs()).addDouble(ending.tokensPerSecond()).addString(ending.errorJson())
                .addOffsetDateTime(now());
        return pool.preparedQuery("update messages set content = content || $2, status = $3, prompt_tokens = $4,"
                + " completion_tokens = $5, ttft_ms = $6, duration_ms = $7, tokens_per_second = $8, error = $9,"
                + " finished_at = $10, lease_owner = null, lease_expires_at = null where id = $1 and status = 'streaming'"
                + " returning " + COLUMNS + ", pg_notify('" + REPLY_CHANNEL + "', id::text)").execute(values)
                .map(ReplyStore::firstView);
    }

    /** Extends this replica's leases; answers the ids (of those asked) whose owner asked for a stop meanwhile. */
    public Uni<List<UUID>> renewLeases(List<UUID> ids, UUID leaseOwner, Duration lease) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("update messages set lease_expires_at = now() + make_interval(secs => $3)"
                + " where id = any($1) and lease_owner = $2 and status = 'streaming' returning id, stop_requested")
                .execute(Tuple.of(ids.toArray(new UUID[0]), leaseOwner, lease.toMillis() / 1000.0))
                .map(rows -> {
                    List<UUID> stop = new ArrayList<>();
                    for (Row r : rows) {
                        if (r.getBoolean("stop_requested")) {
                            stop.add(r.getUUID("id"));
                        }
                    }
                    return stop;
                });
    }

    /** Marks replies whose replica stopped renewing its lease as interrupted, text kept; answers how many. */
    public Uni<Integer> interruptLapsed() {
        return pool.query("update messages set status = 'interrupted', finished_at = now(), lease_owner = null,"
                + " lease_expires_at = null where status = 'streaming' and lease_expires_at < now()"
                + " returning pg_notify('" + REPLY_CHANNEL + "', id::text)").execute().map(RowSet::rowCount);
    }

    /** Flags the conversation's streaming replies for stopping and tells every replica; answers their ids. */
    public Uni<List<UUID>> requestStop(UUID conversationId, UUID ownerId) {
        return pool.preparedQuery("update messages set stop_requested = true where conversation_id = $1 and owner_id = $2"
                + " and status = 'streaming' returning id, pg_notify('" + STOP_CHANNEL + "', id::text)")
                .execute(Tuple.of(conversationId, ownerId)).map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    for (Row r : rows) {
                        ids.add(r.getUUID("id"));
                    }
                    return ids;
                });
    }

    static OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static MessageView firstView(RowSet<Row> rows) {
        return rows.size() == 0 ? null : view(rows.iterator().next());
    }

    static MessageView view(Row r) {
        String role = r.getString("role");
        return new MessageView(r.getUUID("id"), r.getUUID("conversation_id"), r.getUUID("parent_id"), role,
                r.getString("content"), r.getString("status"), r.getString("model"), r.getString("provider"),
                MessageView.usage(role, r.getInteger("prompt_tokens"), r.getInteger("completion_tokens")),
                MessageView.timings(role, r.getInteger("ttft_ms"), r.getInteger("duration_ms"),
                        r.getDouble("tokens_per_second")),
                r.getString("error"), instant(r.getOffsetDateTime("created_at")),
                instant(r.getOffsetDateTime("finished_at")), null);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
