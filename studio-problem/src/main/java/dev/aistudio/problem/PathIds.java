package dev.aistudio.problem;

import java.util.UUID;
import java.util.function.Supplier;

import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * An id in a request path. A segment that cannot be an id names nothing, so it answers exactly as an unknown id of
 * that kind does ({@code No conversation with this id.}); bound as a {@link UUID} parameter it got Quarkus' generic
 * 404 ({@code HTTP 404 Not Found}) instead.
 */
public final class PathIds {

    private PathIds() {
    }

    /** The segment as a UUID, or {@code notFound} thrown: the problem an unknown id of this kind answers. */
    public static UUID uuid(String segment, Supplier<HttpProblem> notFound) {
        if (segment != null && segment.length() <= 36) {
            try {
                return UUID.fromString(segment);
            } catch (IllegalArgumentException e) {
                // falls through to the same answer as an id nobody has
            }
        }
        throw notFound.get();
    }
}
