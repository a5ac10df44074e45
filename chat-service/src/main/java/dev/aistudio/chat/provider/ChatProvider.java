package dev.aistudio.chat.provider;

import io.smallrye.mutiny.Multi;

/**
 * A source of chat replies. The stream fails with {@link ProviderFailure} and cancelling it closes the upstream
 * request, so the provider stops generating.
 */
public interface ChatProvider {

    /** The name stored with each reply and shown in the catalog: {@code huggingface}, {@code openai}, {@code offline}. */
    String name();

    /** Whether it can answer now (configured with a URL and, where needed, a token). */
    boolean available();

    Multi<ProviderEvent> stream(ProviderRequest request);
}
