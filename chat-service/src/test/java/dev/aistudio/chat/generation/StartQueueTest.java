package dev.aistudio.chat.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.aistudio.chat.config.ChatConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;

/** Reply starts beyond studio.chat.max-concurrent-starts wait their turn, in order; one that gives up leaves the line. */
@QuarkusTest
class StartQueueTest {

    @Inject
    StartQueue queue;
    @Inject
    ChatConfig config;

    @Test
    void startsBeyondTheLimitWaitTheirTurnInOrderAndOneThatGivesUpLeavesTheLine() {
        int limit = config.maxConcurrentStarts();
        List<UniEmitter<? super Integer>> running = new CopyOnWriteArrayList<>();
        List<Integer> done = new CopyOnWriteArrayList<>();
        List<Cancellable> callers = IntStream.range(0, limit + 3).mapToObj(i -> queue.inTurn(
                Uni.createFrom().<Integer>emitter(running::add).map(ignored -> i))
                .subscribe().with(done::add)).toList();
        assertEquals(limit, running.size(), "only the first " + limit + " run");

        callers.get(limit + 1).cancel(); // the second in line gives up
        running.get(0).complete(0);
        assertEquals(limit + 1, running.size(), "a finished start lets the first in line run");
        running.get(1).complete(0);
        assertEquals(limit + 2, running.size(), "the one that gave up was skipped: the third in line runs");
        running.get(limit + 1).complete(0);
        assertEquals(List.of(0, 1, limit + 2), done);
        for (int i = 2; i <= limit; i++) {
            running.get(i).complete(0);
        }
        assertEquals(limit + 2, done.size());
        assertEquals(limit + 2, running.size(), "the line is empty: nothing else ran");
    }
}
