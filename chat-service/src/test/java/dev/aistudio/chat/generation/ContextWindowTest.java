package dev.aistudio.chat.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.aistudio.chat.provider.ChatTurn;

class ContextWindowTest {

    private static final List<ChatTurn> BRANCH = List.of(
            new ChatTurn("user", "a".repeat(400)),
            new ChatTurn("assistant", "b".repeat(400)),
            new ChatTurn("user", "c".repeat(400)),
            new ChatTurn("assistant", "d".repeat(400)),
            new ChatTurn("user", "last question"));

    @Test
    void keepsTheWholeBranchWhenItFits() {
        assertEquals(6, ContextWindow.fit("Be brief.", BRANCH, 10_000).size());
    }

    @Test
    void dropsTheOldestMessagesFirstAndKeepsTheSystemPrompt() {
        // a 400-character message costs about 104 tokens: 200 leaves room for the newest two beside the prompt
        List<ChatTurn> kept = ContextWindow.fit("Be brief.", BRANCH, 200);
        assertEquals(List.of("system", "assistant", "user"), kept.stream().map(ChatTurn::role).toList());
        assertEquals("last question", kept.get(kept.size() - 1).content());
    }

    @Test
    void alwaysKeepsTheNewestMessage() {
        List<ChatTurn> kept = ContextWindow.fit(null, BRANCH, 1);
        assertEquals(List.of(BRANCH.get(4)), kept);
    }

    @Test
    void theReplyNeverTakesMoreThanHalfTheContext() {
        assertEquals(4096 - 1024, ContextWindow.promptBudget(4096, 1024));
        assertEquals(2048, ContextWindow.promptBudget(4096, 100_000));
    }
}
