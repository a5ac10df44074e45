package dev.aistudio.user.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Login throttling: failures allowed before each further attempt has to wait, per account and per client address. */
@ConfigMapping(prefix = "studio.throttle")
public interface ThrottleConfig {

    /** Failed logins for one account before it is throttled. */
    @WithDefault("5")
    int accountFailures();

    /** Failed logins from one client address before it is throttled. */
    @WithDefault("20")
    int addressFailures();

    /** Wait after the first throttled failure; it doubles with each further failure. */
    @WithDefault("5S")
    Duration baseDelay();

    /** The longest wait, so a victim of someone else's guessing is never locked out for long. */
    @WithDefault("15M")
    Duration maxDelay();

    /** Failures older than this are forgotten. */
    @WithDefault("1H")
    Duration window();
}
