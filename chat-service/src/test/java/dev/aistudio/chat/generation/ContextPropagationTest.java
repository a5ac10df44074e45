package dev.aistudio.chat.generation;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.context.SmallRyeThreadContext;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * chat-service runs its request paths on Vert.x contexts, which carry the CDI request context themselves, so no
 * thread context is captured and restored around every Mutiny callback (application.properties,
 * {@code mp.context.ThreadContext.*}): Mutiny's callbacks run as they are.
 */
@QuarkusTest
class ContextPropagationTest {

    @Test
    void mutinyCallbacksAreNotWrapped() {
        assertTrue(SmallRyeThreadContext.getCurrentThreadContextOrDefaultContexts().isEmpty(),
                "the default thread context propagates and clears nothing");
        Function<String, String> callback = String::trim;
        assertSame(callback, Infrastructure.decorate(callback), "Mutiny leaves a callback as it is");
    }
}
