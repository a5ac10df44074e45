package dev.aistudio.chat.generation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aistudio.chat.config.ChatConfig;
import dev.aistudio.chat.message.MessageStatus;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The chat stream's wire format (ARCHITECTURE.md): events {@code message}, {@code delta}, {@code done} and
 * {@code error}, each with {@code id:} = the reply's length in characters so far, so Last-Event-ID resumes exactly.
 */
@ApplicationScoped
public class ReplyEvents {

    private final ObjectMapper json;
    private final Vertx vertx;
    private final long keepAliveMs;

    public ReplyEvents(ObjectMapper json, Vertx vertx, ChatConfig config) {
        this.json = json;
        this.vertx = vertx;
        this.keepAliveMs = config.sseKeepAlive().toMillis();
    }

    /**
     * Writes the reply's events from character {@code from} to the stream, then closes it. What exists when this is
     * called (the {@code message} event and any text or end already there) goes out in one write, so a reply whose
     * first tokens arrived while its rows were being written reaches the client in one packet with its head. A client
     * that left (the stream closed) stops being followed at the next event or keep-alive; the generation goes on
     * regardless.
     */
    void writeTo(EventStream stream, GenerationService.Reply reply, int from, Context request) {
        AtomicReference<Cancellable> subscription = new AtomicReference<>();
        // A reply that ends at once can end before Quarkus has finished answering the request (its task is queued on
        // the request's context behind the one that got the start): closing then made it fail with "request scope
        // not active". The close goes to the back of that queue instead.
        Runnable close = request == null ? stream::close
                : () -> request.runOnContext(first -> request.runOnContext(second -> stream.close()));
        Runnable leave = () -> {
            Cancellable upstream = subscription.getAndSet(() -> {
            });
            if (upstream != null) {
                upstream.cancel();
            }
        };
        Frames frames = new Frames(stream, leave, close);
        Cancellable upstream = frames(reply, from).subscribe().with(frames::add, failure -> {
            Log.errorf(failure, "The event stream of reply %s failed", reply.assistantMessage().id());
            frames.end();
        }, frames::end);
        frames.flushFirst();
        if (!subscription.compareAndSet(null, upstream)) {
            upstream.cancel(); // the client left while subscribing
        }
    }

    /**
     * The frames of one stream, written in order: those emitted while subscribing are held and sent together by
     * {@link #flushFirst}, every later one as it comes. Leaving and closing run outside the lock: leaving cancels the
     * subscription, which takes the generation's lock, and the generation emits while holding it.
     */
    private static final class Frames {
        private final EventStream stream;
        private final Runnable leave;
        private final Runnable close;
        private final AtomicBoolean failed = new AtomicBoolean();
        private StringBuilder first = new StringBuilder();
        private boolean ended;

        Frames(EventStream stream, Runnable leave, Runnable close) {
            this.stream = stream;
            this.leave = leave;
            this.close = close;
        }

        void add(String frame) {
            if (!offer(frame) || failed.get()) {
                leave.run();
            }
        }

        void flushFirst() {
            boolean stay;
            boolean closeNow;
            synchronized (this) {
                String held = first.toString();
                first = null;
                stay = held.isEmpty() || write(held);
                closeNow = ended;
            }
            if (!stay) {
                leave.run();
            }
            if (closeNow) {
                close.run();
            }
        }

        void end() {
            boolean closeNow;
            synchronized (this) {
                ended = true;
                closeNow = first == null;
            }
            if (closeNow) {
                close.run();
            }
        }

        /** False when the client left. */
        private synchronized boolean offer(String frame) {
            if (first != null) {
                first.append(frame);
                return true;
            }
            return write(frame);
        }

        // under the lock, so that frames from different threads (the start's, the upstream's) keep their order
        private boolean write(String frames) {
            if (stream.isClosed()) {
                return false;
            }
            try {
                stream.write(frames, failure -> failed.set(true));
                return true;
            } catch (IllegalStateException closedMeanwhile) {
                return false;
            }
        }
    }

    Multi<String> frames(GenerationService.Reply reply, int from) {
        ReplyEvent.Started started = new ReplyEvent.Started(reply.conversationId(), reply.userMessage(),
                reply.assistantMessage().withoutContent(), from);
        return withKeepAlive(Multi.createBy().concatenating()
                .streams(Multi.createFrom().item(started), reply.events())
                .map(this::toFrame));
    }

    /**
     * The events, plus a comment line ({@code :keep-alive}) whenever none was sent for {@code studio.chat.sse-keep-alive}
     * (a long wait for the first token, a slow model), so that proxies do not cut the idle stream. Clients ignore it.
     */
    private Multi<String> withKeepAlive(Multi<String> events) {
        if (keepAliveMs <= 0) {
            return events;
        }
        String ping = SseFrames.comment("keep-alive");
        return Multi.createFrom().emitter(emitter -> {
            AtomicLong lastSent = new AtomicLong(System.nanoTime());
            AtomicReference<Cancellable> subscription = new AtomicReference<>();
            long timer = vertx.setPeriodic(keepAliveMs, id -> {
                if (System.nanoTime() - lastSent.get() >= TimeUnit.MILLISECONDS.toNanos(keepAliveMs) / 2) {
                    lastSent.set(System.nanoTime());
                    emitter.emit(ping);
                }
            });
            emitter.onTermination(() -> {
                vertx.cancelTimer(timer);
                Cancellable upstream = subscription.getAndSet(() -> {
                });
                if (upstream != null) {
                    upstream.cancel();
                }
            });
            Cancellable upstream = events.subscribe().with(event -> {
                lastSent.set(System.nanoTime());
                emitter.emit(event);
            }, emitter::fail, emitter::complete);
            if (!subscription.compareAndSet(null, upstream)) {
                upstream.cancel(); // terminated while subscribing
            }
        });
    }

    private String toFrame(ReplyEvent event) {
        if (event instanceof ReplyEvent.Started started) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("conversationId", started.conversationId());
            body.put("userMessage", started.userMessage());
            body.put("assistantMessage", started.assistantMessage());
            return event("message", started.offset(), body);
        }
        if (event instanceof ReplyEvent.Delta delta) {
            return event("delta", delta.offset(), Map.of("text", delta.text()));
        }
        ReplyEvent.Finished finished = (ReplyEvent.Finished) event;
        boolean done = MessageStatus.complete.name().equals(finished.message().status())
                || MessageStatus.stopped.name().equals(finished.message().status());
        if (done || finished.problemJson() == null) {
            return event("done", finished.offset(), Map.of("message", finished.message()));
        }
        return SseFrames.event("error", finished.offset(), withMessage(finished));
    }

    /** The problem body, with the reply's id and status so a client knows what it is about. */
    private String withMessage(ReplyEvent.Finished finished) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> problem = json.readValue(finished.problemJson(), LinkedHashMap.class);
            problem.put("messageId", finished.message().id());
            problem.put("messageStatus", finished.message().status());
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            return finished.problemJson();
        }
    }

    private String event(String name, int offset, Object body) {
        try {
            return SseFrames.event(name, offset, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
