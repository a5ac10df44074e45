package dev.aistudio.image.provider;

import java.time.Duration;

/**
 * Why a provider call failed, in the terms the queue acts on: {@link #retryable()} failures are tried again after
 * {@link #retryAfter()} (at least), the others fail the job at once with {@link #code()} and a readable detail.
 */
public final class ProviderFailure extends RuntimeException {

    private final String code;
    private final boolean retryable;
    private final Duration retryAfter;

    private ProviderFailure(String code, String detail, boolean retryable, Duration retryAfter) {
        super(detail, null, false, false);
        this.code = code;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static ProviderFailure retry(String code, String detail, Duration retryAfter) {
        return new ProviderFailure(code, detail, true, retryAfter == null ? Duration.ZERO : retryAfter);
    }

    public static ProviderFailure fatal(String code, String detail) {
        return new ProviderFailure(code, detail, false, Duration.ZERO);
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
