package dev.aistudio.chat.message;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A message in a conversation's tree: each points at the message it answers or follows ({@code parentId}), so
 * regenerating or editing adds a sibling and earlier versions stay. Replies being generated are written by the
 * generation engine (generation/ReplyStore); this entity is for reading.
 */
@Entity
@Table(name = "messages")
public class Message extends PanacheEntityBase {

    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    @Id
    public UUID id;

    @Column(name = "conversation_id", nullable = false)
    public UUID conversationId;

    @Column(name = "owner_id", nullable = false)
    public UUID ownerId;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(nullable = false, length = 16)
    public String role;

    @Column(nullable = false, columnDefinition = "text")
    public String content;

    /** {@link MessageStatus} by name. */
    @Column(nullable = false, length = 16)
    public String status;

    public String model;

    public String provider;

    @Column(name = "prompt_tokens")
    public Integer promptTokens;

    @Column(name = "completion_tokens")
    public Integer completionTokens;

    @Column(name = "ttft_ms")
    public Integer ttftMs;

    @Column(name = "duration_ms")
    public Integer durationMs;

    @Column(name = "tokens_per_second")
    public Double tokensPerSecond;

    /** The problem+json body that ended a failed reply. */
    @Column(columnDefinition = "text")
    public String error;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
