package dev.aistudio.image.provider;

import dev.aistudio.image.job.ImageJob;
import io.smallrye.mutiny.Uni;

/** Turns one job's prompt and parameters into image bytes, or fails with a {@link ProviderFailure}. */
public interface ImageProvider {

    /** The catalog's {@code provider} value this implementation serves. */
    String name();

    Uni<GeneratedImage> generate(ImageJob job);

    /** What a provider answered: the bytes and the content type it declared. */
    record GeneratedImage(byte[] bytes, String contentType) {
    }
}
