package dev.aistudio.chat.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.aistudio.chat.message.MessageView;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

/**
 * How a reply's events reach the response: what is ready when the stream starts (the message event, text that arrived
 * while the reply's rows were written, even the end) goes out in one write; later events one write each, in order.
 */
@QuarkusTest
class ReplyEventsTest {

    @Inject
    ReplyEvents events;

    /** Records each write. */
    static final class RecordingStream implements EventStream {
        final List<String> writes = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void write(String frames, Consumer<Throwable> onFailure) {
            writes.add(frames);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void theMessageEventAndTheTextAlreadyThereGoOutInOneWriteAndLaterTextInWritesOfItsOwn() {
        UnicastProcessor<ReplyEvent> later = UnicastProcessor.create();
        RecordingStream stream = new RecordingStream();
        events.writeTo(stream, reply(Multi.createBy().concatenating().streams(
                Multi.createFrom().item(new ReplyEvent.Delta("Hel", 3)), later)), 0, null);

        assertEquals(1, stream.writes.size(), "one write so far: " + stream.writes);
        String first = stream.writes.get(0);
        assertTrue(first.startsWith("id:0\nevent:message\ndata:{"), first);
        assertTrue(first.endsWith("id:3\nevent:delta\ndata:{\"text\":\"Hel\"}\n\n"), first);

        later.onNext(new ReplyEvent.Delta("lo", 5));
        assertEquals(List.of("id:5\nevent:delta\ndata:{\"text\":\"lo\"}\n\n"), stream.writes.subList(1, 2));
        assertFalse(stream.closed);
        later.onComplete();
        assertTrue(stream.closed, "closed once the events ended");
    }

    @Test
    void aReplyThatEndedBeforeTheStreamStartedIsWrittenWholeInOneWriteThenClosed() {
        RecordingStream stream = new RecordingStream();
        MessageView done = view("complete", "Hello");
        events.writeTo(stream, reply(Multi.createFrom().items(new ReplyEvent.Delta("Hello", 5),
                new ReplyEvent.Finished(done, null, 5))), 0, null);

        assertEquals(1, stream.writes.size(), "one write: " + stream.writes);
        String only = stream.writes.get(0);
        int message = only.indexOf("event:message\n");
        int delta = only.indexOf("event:delta\n");
        int end = only.indexOf("event:done\n");
        assertTrue(message >= 0 && message < delta && delta < end, only);
        assertTrue(stream.closed);
    }

    @Test
    void aStreamWhoseClientLeftStopsFollowingTheReply() {
        UnicastProcessor<ReplyEvent> later = UnicastProcessor.create();
        List<String> cancelled = new CopyOnWriteArrayList<>();
        RecordingStream stream = new RecordingStream();
        events.writeTo(stream, reply(later.onCancellation().invoke(() -> cancelled.add("cancelled"))), 0, null);
        assertEquals(1, stream.writes.size());

        stream.closed = true;
        later.onNext(new ReplyEvent.Delta("Hi", 2));
        assertEquals(1, stream.writes.size(), "nothing written after the client left");
        assertEquals(List.of("cancelled"), cancelled);
    }

    @Test
    void dataWithLineBreaksBecomesOneDataLinePerLine() {
        assertEquals("id:7\nevent:error\ndata:a\ndata:b\ndata:c\n\n", SseFrames.event("error", 7, "a\nb\rc"));
        assertEquals(":keep-alive\n\n", SseFrames.comment("keep-alive"));
    }

    private static GenerationService.Reply reply(Multi<ReplyEvent> events) {
        MessageView user = new MessageView(UUID.randomUUID(), UUID.randomUUID(), null, "user", "Say hello", "complete",
                null, null, null, null, null, Instant.now(), Instant.now(), null);
        return new GenerationService.Reply(user.conversationId(), user, view("streaming", ""), events);
    }

    private static MessageView view(String status, String content) {
        return new MessageView(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "assistant", content, status,
                "stub-echo", "stub", null, null, null, Instant.now(), null, null);
    }
}
