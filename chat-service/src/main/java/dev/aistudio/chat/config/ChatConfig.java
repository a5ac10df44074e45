package dev.aistudio.chat.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Conversations and the replies generated in them. */
@ConfigMapping(prefix = "studio.chat")
public interface ChatConfig {

    /** Replies one user may have generating at the same time, across all replicas; the next is refused with 429. */
    @WithDefault("3")
    int maxConcurrentGenerations();

    /** The longest message a user may send, in characters. */
    @WithDefault("32000")
    int maxMessageChars();

    /**
     * Characters of context (messages and system prompts) kept in memory for the next reply of recently used
     * conversations, so that a start can skip reading its conversation and branch (0 turns the cache off).
     */
    @WithDefault("4000000")
    long branchCacheChars();

    /**
     * Pooled database connections opened at start, each running a reply start's statements once, so that no reply
     * pays a fresh connection's first statements (0: none). application.properties sets it to the pool's size.
     */
    @WithDefault("8")
    int warmConnections();

    /** A conversation's cached context is dropped when unused this long. */
    @WithDefault("PT10M")
    Duration branchCacheIdle();

    /**
     * Reply starts (up to two database round trips each) under way at once on this replica; the next wait their turn
     * in order, so that under a burst each start gets its round trips done instead of all starts queueing for
     * connections together. Twice the database pool: with 1,000 starts at once, 64 gave a first token after 3.8 s
     * (p50) where 16 gave 8.3 s, with 0 errors either way.
     */
    @WithDefault("64")
    int maxConcurrentStarts();

    /** The model used when neither the message nor the conversation names one; else the first available model. */
    Optional<String> defaultModel();

    /** How often a growing reply is written to the database (batched, not a write per token). */
    @WithDefault("PT0.25S")
    Duration flushInterval();

    /** How long a replica's claim on a reply it generates lasts; a reply whose lease lapsed becomes interrupted. */
    @WithDefault("PT30S")
    Duration leaseDuration();

    /** How often a replica renews its leases and looks for lapsed ones; well under the lease duration. */
    @WithDefault("10s")
    String leaseRenewEvery();

    /** How often a follower on another replica re-reads the stored reply when no notification came. */
    @WithDefault("PT1S")
    Duration followPollInterval();

    /** How long a stop request waits for the generating replica to confirm before answering anyway. */
    @WithDefault("PT5S")
    Duration stopWait();

    /** Connections of the small pool that only stores growing text and renews leases (never starved by requests). */
    @WithDefault("2")
    int upkeepPoolSize();

    /** A reply's event stream sends a comment this often when it has nothing else to send, so proxies keep it open. */
    @WithDefault("PT15S")
    Duration sseKeepAlive();

    /** Longest title taken from the first message. */
    @WithDefault("60")
    int titleMaxChars();

    /**
     * Bearer tokens kept after quarkus-oidc verified them, so that the next request with the same token skips the
     * check (0 turns this off). Each is kept until it expires or for {@link #tokenCacheMaxAge()}, whichever is first.
     */
    @WithDefault("1000")
    int tokenCacheSize();

    /** The longest a verified token is taken as verified without being checked again. */
    @WithDefault("PT60S")
    Duration tokenCacheMaxAge();

    /** Tokens set aside for the reply when trimming the context and the request does not say max_tokens. */
    @WithDefault("1024")
    int replyTokenReserve();
}
