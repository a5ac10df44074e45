package dev.aistudio.chat.generation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.chat.message.MessageStatus;
import dev.aistudio.chat.message.MessageView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The stored side of replies, in plain SQL on the reactive client: reading them, finishing one, stop requests.
 * Starting one is {@link ReplyStarts}; growing text and leases are {@link ReplyUpkeep}. Every change of a reply is
 * announced with NOTIFY on {@value #REPLY_CHANNEL} (payload: reply ids, comma-separated) so followers on any replica
 * re-read it.
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

    /** The stored messages of a reply that started, and the conversation row's version after its start. */
    public record Started(MessageView userMessage, MessageView assistantMessage, String conversationVersion) {
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
