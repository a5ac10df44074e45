package dev.aistudio.chat.provider.offline;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.chat.config.OfflineConfig;
import dev.aistudio.chat.provider.ChatProvider;
import dev.aistudio.chat.provider.ChatTurn;
import dev.aistudio.chat.provider.ProviderEvent;
import dev.aistudio.chat.provider.ProviderRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Lets the studio run with no network: a fixed template that says plainly it is not AI, streamed word by word at a
 * realistic pace. The same message always gets the same reply.
 */
@ApplicationScoped
public class OfflineProvider implements ChatProvider {

    public static final String NAME = "offline";
    private static final int QUOTE_CHARS = 160;

    private final OfflineConfig config;

    public OfflineProvider(OfflineConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Multi<ProviderEvent> stream(ProviderRequest request) {
        String reply = reply(lastUserMessage(request.messages()));
        List<String> words = words(reply);
        int promptTokens = request.messages().stream().mapToInt(turn -> words(turn.content()).size()).sum();
        Multi<ProviderEvent> text = Multi.createFrom().iterable(words)
                .onItem().call(word -> Uni.createFrom().voidItem().onItem().delayIt().by(config.wordInterval()))
                .map(ProviderEvent.Delta::new);
        return Multi.createBy().concatenating().streams(text,
                Multi.createFrom().item(new ProviderEvent.Usage(promptTokens, words.size())));
    }

    /** The reply to a message: deterministic, and clearly not written by a model. */
    public static String reply(String message) {
        String quoted = message.replaceAll("\\s+", " ").trim();
        if (quoted.length() > QUOTE_CHARS) {
            quoted = quoted.substring(0, QUOTE_CHARS) + "…";
        }
        int wordCount = quoted.isEmpty() ? 0 : message.trim().split("\\s+").length;
        return "Offline echo (not AI). No language model is connected, so this reply comes from a fixed template. "
                + "You wrote " + wordCount + (wordCount == 1 ? " word" : " words") + ": \"" + quoted + "\". "
                + "To chat with a real model, set HF_TOKEN or STUDIO_OPENAI_BASE_URL and pick one of its models.";
    }

    private static String lastUserMessage(List<ChatTurn> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    /** Words with the space that follows each, so joining them gives the text back. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                words.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            words.add(text.substring(start));
        }
        return words;
    }
}
