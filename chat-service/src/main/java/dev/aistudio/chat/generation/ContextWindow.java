package dev.aistudio.chat.generation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.aistudio.chat.provider.ChatTurn;

/**
 * Fits a branch into a model's context: the system prompt and the newest message always go, older messages go while
 * they fit. Tokens are estimated (about four characters each) since every provider tokenizes differently.
 */
final class ContextWindow {

    private static final int CHARS_PER_TOKEN = 4;
    private static final int TOKENS_PER_MESSAGE = 4;

    private ContextWindow() {
    }

    static int estimateTokens(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN + TOKENS_PER_MESSAGE;
    }

    /** Tokens available for the prompt: the context minus what the reply may use (never less than half of it). */
    static int promptBudget(int contextLength, int replyTokens) {
        return contextLength - Math.min(replyTokens, contextLength / 2);
    }

    /** The turns to send, oldest first: the system prompt, then as many of the newest turns as fit. */
    static List<ChatTurn> fit(String systemPrompt, List<ChatTurn> branch, int budget) {
        List<ChatTurn> kept = new ArrayList<>();
        int used = systemPrompt == null ? 0 : estimateTokens(systemPrompt);
        for (int i = branch.size() - 1; i >= 0; i--) {
            int cost = estimateTokens(branch.get(i).content());
            if (!kept.isEmpty() && used + cost > budget) {
                break;
            }
            kept.add(branch.get(i));
            used += cost;
        }
        Collections.reverse(kept);
        if (systemPrompt != null) {
            kept.add(0, new ChatTurn("system", systemPrompt));
        }
        return kept;
    }
}
