package dev.aistudio.chat.conversation;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A conversation of one user: its defaults for new messages and which branch of its message tree it shows. */
@Entity
@Table(name = "conversations")
public class Conversation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "owner_id", nullable = false)
    public UUID ownerId;

    @Column(length = 200)
    public String title;

    /** The owner named it; the first exchange no longer does. */
    @Column(name = "title_set", nullable = false)
    public boolean titleSet;

    @Column(length = 200)
    public String model;

    @Column(name = "system_prompt", columnDefinition = "text")
    public String systemPrompt;

    public Double temperature;

    @Column(name = "top_p")
    public Double topP;

    @Column(name = "max_tokens")
    public Integer maxTokens;

    @Column(name = "current_leaf_id")
    public UUID currentLeafId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
