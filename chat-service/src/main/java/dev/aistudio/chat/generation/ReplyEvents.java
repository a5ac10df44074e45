package dev.aistudio.chat.generation;

import java.util.LinkedHashMap;
import java.util.Map;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

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
     * Writes the reply's events from character {@code from} to the sink, then closes it. A client that left (the sink
     * closed) stops being followed at the next event or keep-alive; the generation goes on regardless.
     */
    public void writeTo(SseEventSink sink, Sse sse, GenerationService.Reply reply, int from, Context request) {
        AtomicReference<Cancellable> subscription = new AtomicReference<>();
        // A reply that ends at once can end before Quarkus has finished answering the request (its task is queued on
        // the request's context behind the one that got the start): closing then made it fail with "request scope
        // not active". The close goes to the back of that queue instead.
        Runnable close = request == null ? sink::close
                : () -> request.runOnContext(first -> request.runOnContext(second -> sink.close()));
        Runnable leave = () -> {
            Cancellable upstream = subscription.getAndSet(() -> {
            });
            if (upstream != null) {
                upstream.cancel();
            }
        };
        Cancellable upstream = sse(sse, reply, from).subscribe().with(event -> {
            if (sink.isClosed()) {
                leave.run();
                return;
            }
            try {
                sink.send(event).whenComplete((sent, failure) -> {
                    if (failure != null) {
                        leave.run();
                    }
                });
            } catch (IllegalStateException closedMeanwhile) {
                leave.run();
            }
        }, failure -> {
            Log.errorf(failure, "The event stream of reply %s failed", reply.assistantMessage().id());
            close.run();
        }, close);
        if (!subscription.compareAndSet(null, upstream)) {
            upstream.cancel(); // the client left while subscribing
        }
    }

    Multi<OutboundSseEvent> sse(Sse sse, GenerationService.Reply reply, int from) {
        ReplyEvent.Started started = new ReplyEvent.Started(reply.conversationId(), reply.userMessage(),
                reply.assistantMessage().withoutContent(), from);
        return withKeepAlive(sse, Multi.createBy().concatenating()
                .streams(Multi.createFrom().item(started), reply.events())
                .map(event -> toSse(sse, event)));
    }

    /**
     * The events, plus a comment line ({@code : keep-alive}) whenever none was sent for {@code studio.chat.sse-keep-alive}
     * (a long wait for the first token, a slow model), so that proxies do not cut the idle stream. Clients ignore it.
     */
    private Multi<OutboundSseEvent> withKeepAlive(Sse sse, Multi<OutboundSseEvent> events) {
        if (keepAliveMs <= 0) {
            return events;
        }
        OutboundSseEvent ping = sse.newEventBuilder().comment("keep-alive").build();
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

    private OutboundSseEvent toSse(Sse sse, ReplyEvent event) {
        if (event instanceof ReplyEvent.Started started) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("conversationId", started.conversationId());
            body.put("userMessage", started.userMessage());
            body.put("assistantMessage", started.assistantMessage());
            return event(sse, "message", started.offset(), body);
        }
        if (event instanceof ReplyEvent.Delta delta) {
            return event(sse, "delta", delta.offset(), Map.of("text", delta.text()));
        }
        ReplyEvent.Finished finished = (ReplyEvent.Finished) event;
        boolean done = MessageStatus.complete.name().equals(finished.message().status())
                || MessageStatus.stopped.name().equals(finished.message().status());
        if (done || finished.problemJson() == null) {
            return event(sse, "done", finished.offset(), Map.of("message", finished.message()));
        }
        return sse.newEventBuilder().name("error").id(Integer.toString(finished.offset()))
                .data(withMessage(finished)).build();
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

    private OutboundSseEvent event(Sse sse, String name, int offset, Object body) {
        try {
            return sse.newEventBuilder().name(name).id(Integer.toString(offset)).data(json.writeValueAsString(body))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
