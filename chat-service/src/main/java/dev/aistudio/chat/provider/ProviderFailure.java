package dev.aistudio.chat.provider;

import dev.aistudio.problem.Problems;
import io.quarkiverse.resteasy.problem.HttpProblem;

/** Why a provider could not answer, in terms a client can act on; {@link #toProblem()} is what the client sees. */
public class ProviderFailure extends RuntimeException {

    public enum Kind {
        /** 401/403: the provider does not accept our token. */
        REJECTED,
        /** 429: the provider wants us to slow down. */
        RATE_LIMITED,
        /** 5xx or no connection. */
        UNAVAILABLE,
        /** No first token in time. */
        TIMEOUT,
        /** Another 4xx: the provider refused the request itself (unknown model, context too long, ...). */
        REFUSED,
        /** The stream broke after it had started. */
        BROKEN
    }

    private final Kind kind;
    private final String provider;
    private final Integer upstreamStatus;
    private final Long retryAfterSeconds;

    public ProviderFailure(Kind kind, String provider, Integer upstreamStatus, Long retryAfterSeconds, String detail,
            Throwable cause) {
        super(detail, cause, false, false);
        this.kind = kind;
        this.provider = provider;
        this.upstreamStatus = upstreamStatus;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Kind kind() {
        return kind;
    }

    /** Worth another attempt (only ever made before the first token). */
    public boolean retryable() {
        return kind == Kind.UNAVAILABLE;
    }

    public HttpProblem toProblem() {
        String upstream = upstreamStatus == null ? "" : " (HTTP " + upstreamStatus + ")";
        String detail = getMessage() == null ? "" : " " + getMessage();
        return switch (kind) {
            case REJECTED -> problem(502, "provider_rejected_token", "The provider rejected the token",
                    "The " + provider + " provider rejected the configured token" + upstream + "." + detail);
            case RATE_LIMITED -> Problems.retryLater(429, "provider_rate_limited", "The provider is rate limiting",
                    "The " + provider + " provider asked to slow down" + upstream + "." + detail, retryAfterSeconds);
            case UNAVAILABLE -> problem(502, "provider_unavailable", "The provider is unavailable",
                    "The " + provider + " provider could not be reached or failed" + upstream + "." + detail);
            case TIMEOUT -> problem(504, "provider_timeout", "The provider did not answer in time",
                    "The " + provider + " provider sent no first token in time." + detail);
            case REFUSED -> problem(502, "provider_refused", "The provider refused the request",
                    "The " + provider + " provider refused the request" + upstream + "." + detail);
            case BROKEN -> problem(502, "provider_stream_failed", "The provider's stream broke",
                    "The " + provider + " provider's stream failed after it had started; the text so far is kept." + detail);
        };
    }

    private HttpProblem problem(int status, String code, String title, String detail) {
        HttpProblem base = Problems.of(status, code, title, detail);
        return upstreamStatus == null ? base : HttpProblem.builder(base).with("upstreamStatus", upstreamStatus).build();
    }
}
