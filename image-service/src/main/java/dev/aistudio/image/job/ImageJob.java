package dev.aistudio.image.job;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A generation job and, once it succeeded, its image's metadata (the bytes are in {@code image_blobs}). */
@Entity
@Table(name = "image_jobs")
public class ImageJob extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "owner_id", nullable = false)
    public UUID ownerId;
    @Column(nullable = false)
    public String model;
    @Column(nullable = false)
    public String provider;
    @Column(nullable = false, columnDefinition = "text")
    public String prompt;
    @Column(name = "negative_prompt", columnDefinition = "text")
    public String negativePrompt;
    public int width;
    public int height;
    public Integer steps;
    public Double guidance;
    public long seed;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobStatus status;
    @Column(name = "error_code")
    public String errorCode;
    @Column(name = "error_detail", columnDefinition = "text")
    public String errorDetail;
    public int attempts;
    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;
    @Column(name = "lease_owner")
    public String leaseOwner;
    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "generation_ms")
    public Integer generationMs;
    @Column(name = "content_type")
    public String contentType;
    @Column(name = "byte_size")
    public Integer byteSize;
    public String sha256;
}
