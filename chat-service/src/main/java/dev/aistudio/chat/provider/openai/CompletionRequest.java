package dev.aistudio.chat.provider.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.aistudio.chat.provider.ChatTurn;
import dev.aistudio.chat.provider.ProviderRequest;

/** The body of {@code POST /v1/chat/completions} with {@code stream: true}, asking for a final usage chunk. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CompletionRequest(
        String model,
        List<ChatTurn> messages,
        boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("max_tokens") Integer maxTokens) {

    record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {
    }

    static CompletionRequest streaming(ProviderRequest request) {
        return new CompletionRequest(request.model(), request.messages(), true, new StreamOptions(true),
                request.temperature(), request.topP(), request.maxTokens());
    }
}
