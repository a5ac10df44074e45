package dev.aistudio.chat.provider;

import java.util.List;

/**
 * One chat completion as a provider sees it: the provider's own model id and the context, already trimmed to the
 * model's context length. Sampling parameters are null when the caller left them to the provider.
 */
public record ProviderRequest(String model, List<ChatTurn> messages, Double temperature, Double topP,
        Integer maxTokens) {
}
