package dev.aistudio.user.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Browser sessions: the opaque cookie and how long a session lives. */
@ConfigMapping(prefix = "studio.session")
public interface SessionConfig {

    /** Whether the cookie is marked Secure; only a plain-http local run turns this off. */
    @WithDefault("true")
    boolean cookieSecure();

    /** A session unused for this long ends. */
    @WithDefault("P7D")
    Duration idleTimeout();

    /** A session ends this long after sign-in, however much it is used. */
    @WithDefault("P30D")
    Duration absoluteTimeout();

    /** Ended sessions are kept this long (for the account's own history) before the purge deletes them. */
    @WithDefault("P1D")
    Duration keepEnded();
}
