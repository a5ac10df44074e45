package dev.aistudio.chat.provider;

/** What a provider streams back while it writes a reply. */
public sealed interface ProviderEvent {

    /** More text of the reply. */
    record Delta(String text) implements ProviderEvent {
    }

    /** Token counts, as the provider reports them (usually once, at the end). */
    record Usage(Integer promptTokens, Integer completionTokens) implements ProviderEvent {
    }
}
