package dev.aistudio.chat.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.aistudio.chat.message.MessageStatus;
import dev.aistudio.chat.message.MessageView;
import dev.aistudio.problem.Problems;
import dev.aistudio.problem.ProblemJson;
import dev.aistudio.chat.provider.ProviderEvent;
import dev.aistudio.chat.provider.ProviderFailure;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;

/**
 * One reply being generated on this replica. It owns the upstream subscription, so it runs whether or not anyone
 * follows it; text reaches local followers at once and the database in batches ({@link ReplyWriter}, one write of
 * this reply in flight at a time), and its end in one last write of its own.
 */
final class Generation {

    private static final int MAX_FINAL_WRITE_ATTEMPTS = 20;

    private final MessageView reply;
    private final ReplyStore store;
    private final Vertx vertx;
    private final ObjectMapper json;
    private final ReplyWriter writer;
    private final long retryDelayMs;
    // told the reply as stored once it ended (null when its end could not be read back, or it was never stored)
    private final Consumer<MessageView> onClosed;
    private final long startedNanos = System.nanoTime();

    private final StringBuilder text = new StringBuilder();
    // copy-on-write: emitting can make a follower leave (a closed connection) while the list is being walked
    private final List<MultiEmitter<? super ReplyEvent>> followers = new CopyOnWriteArrayList<>();
    private Cancellable upstream;
    private long firstTokenNanos = -1;
    private long endNanos;
    private int deltas;
    private Integer promptTokens;
    private Integer completionTokens;
    private MessageStatus endStatus;
    private String problemJson;
    private int written;
    private boolean writing;
    // the rows are written: until then text is only kept here (the upstream call starts while the rows are written)
    private boolean persisted;
    private int finalWriteAttempts;
    private ReplyEvent.Finished finished;

    Generation(MessageView reply, ReplyStore store, ReplyWriter writer, Vertx vertx, ObjectMapper json,
            long retryDelayMs, Consumer<MessageView> onClosed) {
        this.reply = reply;
        this.store = store;
        this.writer = writer;
        this.vertx = vertx;
        this.json = json;
        this.retryDelayMs = retryDelayMs;
        this.onClosed = onClosed;
    }

    /** Text not stored yet, for the batch writer. */
    record Pending(UUID id, String text, int upTo) {
    }

    UUID id() {
        return reply.id();
    }

    void run(Multi<ProviderEvent> events) {
        Cancellable subscription = events.subscribe().with(this::onEvent, this::onFailure, this::onComplete);
        boolean cancel;
        synchronized (this) {
            upstream = subscription;
            cancel = endStatus != null;
        }
        if (cancel) {
            subscription.cancel();
        }
    }

    /** Its rows are stored: what arrived meanwhile (text, even the end) can be written now. */
    void persisted() {
        boolean ended;
        boolean text;
        synchronized (this) {
            persisted = true;
            ended = endStatus != null;
            text = this.text.length() > written;
        }
        if (ended) {
            write();
        } else if (text) {
            writer.textAdded(this);
        }
    }

    /** Its rows could not be written (the start was refused): the upstream call is cancelled and nothing is stored. */
    void discard() {
        Cancellable toCancel;
        synchronized (this) {
            if (endStatus == null) {
                endStatus = MessageStatus.interrupted;
            }
            finished = new ReplyEvent.Finished(gone(), null, 0);
            toCancel = upstream;
        }
        if (toCancel != null) {
            toCancel.cancel();
        }
        onClosed.accept(null);
    }

    /** Ends it on request: the upstream call is cancelled (its connection closed) and the text so far kept. */
    void stop() {
        end(MessageStatus.stopped, null);
    }

    /** Ends it because this replica is going away. */
    void interrupt() {
        end(MessageStatus.interrupted, Problems.of(503, "reply_interrupted", "The reply was interrupted",
                "The service generating this reply shut down; the text so far is kept."));
    }

    /** The rest of the reply from character {@code from}: what exists now, then live text, then how it ended. */
    Multi<ReplyEvent> follow(int from) {
        return Multi.createFrom().emitter(emitter -> {
            synchronized (this) {
                int start = Math.max(0, Math.min(from, text.length()));
                if (text.length() > start) {
                    emitter.emit(new ReplyEvent.Delta(text.substring(start), text.length()));
                }
                if (finished != null) {
                    emitter.emit(finished);
                    emitter.complete();
                    return;
                }
                followers.add(emitter);
            }
            emitter.onTermination(() -> {
                synchronized (this) {
                    followers.remove(emitter);
                }
            });
        });
    }

    private void onEvent(ProviderEvent event) {
        synchronized (this) {
            if (endStatus != null) {
                return;
            }
            if (event instanceof ProviderEvent.Delta delta) {
                if (firstTokenNanos < 0) {
                    firstTokenNanos = System.nanoTime();
                }
                deltas++;
                text.append(delta.text());
                ReplyEvent.Delta out = new ReplyEvent.Delta(delta.text(), text.length());
                for (MultiEmitter<? super ReplyEvent> follower : followers) {
                    follower.emit(out);
                }
            } else if (event instanceof ProviderEvent.Usage usage) {
                promptTokens = usage.promptTokens() != null ? usage.promptTokens() : promptTokens;
                completionTokens = usage.completionTokens() != null ? usage.completionTokens() : completionTokens;
                return;
            } else {
                return;
            }
        }
        writer.textAdded(this);
    }

    private void onFailure(Throwable failure) {
        HttpProblem problem;
        if (failure instanceof ProviderFailure provider) {
            problem = provider.toProblem();
        } else if (failure instanceof HttpProblem known) {
            problem = known;
        } else {
            Log.errorf(failure, "Reply %s failed", reply.id());
            problem = Problems.of(502, "generation_failed", "The reply could not be generated",
                    "Generating the reply failed unexpectedly; the text so far is kept.");
        }
        end(MessageStatus.failed, problem);
    }

    private void onComplete() {
        end(MessageStatus.complete, null);
    }

    private void end(MessageStatus status, HttpProblem problem) {
        Cancellable toCancel;
        synchronized (this) {
            if (endStatus != null) {
                return;
            }
            endStatus = status;
            endNanos = System.nanoTime();
            problemJson = problem == null ? null : toJson(problem);
            toCancel = status == MessageStatus.complete || status == MessageStatus.failed ? null : upstream;
        }
        if (toCancel != null) {
            toCancel.cancel();
        }
        write();
    }

    /** The text to store next, marked as being written; null when there is none or a write is in flight. */
    synchronized Pending takePending() {
        if (!persisted || writing || endStatus != null || finished != null || written == text.length()) {
            return null;
        }
        writing = true;
        return new Pending(reply.id(), text.substring(written), text.length());
    }

    /** A batch stored {@code chunk}; {@code stillStreaming} false means the row was ended elsewhere or deleted. */
    void stored(Pending chunk, boolean stillStreaming) {
        synchronized (this) {
            written = chunk.upTo();
            writing = false;
        }
        if (stillStreaming) {
            afterWrite();
        } else {
            lost();
        }
    }

    void storeFailed(Pending chunk) {
        synchronized (this) {
            writing = false;
        }
        afterWrite();
    }

    private void afterWrite() {
        boolean ended;
        boolean more;
        synchronized (this) {
            ended = endStatus != null;
            more = written < text.length();
        }
        if (ended) {
            write();
        } else if (more) {
            writer.textAdded(this);
        }
    }

    /** Writes the rest of the text with how the reply ended, once it has ended and no batch write of it is in flight. */
    private void write() {
        String chunk;
        int upTo;
        synchronized (this) {
            if (!persisted || writing || finished != null || endStatus == null) {
                return;
            }
            writing = true;
            upTo = text.length();
            chunk = text.substring(written, upTo);
        }
        store.finish(reply.id(), chunk, ending()).subscribe().with(
                stored -> {
                    synchronized (this) {
                        written = upTo;
                        writing = false;
                    }
                    if (stored != null) {
                        close(stored, true);
                    } else {
                        closeWithStoredState();
                    }
                },
                this::retryFinalWrite);
    }

    private void retryFinalWrite(Throwable failure) {
        int attempt;
        synchronized (this) {
            writing = false;
            attempt = ++finalWriteAttempts;
        }
        if (attempt >= MAX_FINAL_WRITE_ATTEMPTS) {
            Log.errorf(failure, "Could not store the end of reply %s; its lease will lapse and mark it interrupted",
                    reply.id());
            closeWithStoredState();
            return;
        }
        vertx.setTimer(retryDelayMs * attempt, id -> write());
    }

    /** The row stopped being ours (another replica marked it interrupted, or it was deleted): stop generating. */
    private void lost() {
        Cancellable toCancel;
        synchronized (this) {
            if (endStatus == null) {
                endStatus = MessageStatus.interrupted;
                endNanos = System.nanoTime();
            }
            toCancel = upstream;
        }
        if (toCancel != null) {
            toCancel.cancel();
        }
        closeWithStoredState();
    }

    private void closeWithStoredState() {
        store.message(reply.id()).subscribe().with(stored -> close(stored != null ? stored : gone(), stored != null),
                failure -> close(gone(), false));
    }

    private MessageView gone() {
        return new MessageView(reply.id(), reply.conversationId(), reply.parentId(), reply.role(), text.toString(),
                MessageStatus.interrupted.name(), reply.model(), reply.provider(), null, null, null, reply.createdAt(),
                null, null);
    }

    private void close(MessageView stored, boolean asStored) {
        List<MultiEmitter<? super ReplyEvent>> toTell;
        ReplyEvent.Finished end;
        synchronized (this) {
            if (finished != null) {
                return;
            }
            String problem = stored.error() != null ? stored.error() : problemFor(stored.status());
            end = new ReplyEvent.Finished(stored, problem, stored.content() == null ? 0 : stored.content().length());
            finished = end;
            toTell = new ArrayList<>(followers);
            followers.clear();
        }
        for (MultiEmitter<? super ReplyEvent> follower : toTell) {
            follower.emit(end);
            follower.complete();
        }
        onClosed.accept(asStored ? stored : null);
    }

    /** The problem clients see for a reply that ended without one stored (interrupted). */
    private String problemFor(String status) {
        if (MessageStatus.interrupted.name().equals(status)) {
            return problemJson != null ? problemJson : toJson(Problems.of(503, "reply_interrupted",
                    "The reply was interrupted", "Generation of this reply stopped; the text so far is kept."));
        }
        return null;
    }

    private ReplyStore.Ending ending() {
        synchronized (this) {
            Integer ttft = firstTokenNanos < 0 ? null : (int) TimeUnit.NANOSECONDS.toMillis(firstTokenNanos - startedNanos);
            int duration = (int) TimeUnit.NANOSECONDS.toMillis(endNanos - startedNanos);
            Integer completion = completionTokens != null ? completionTokens : (deltas > 0 ? deltas : null);
            Double perSecond = null;
            if (firstTokenNanos >= 0 && completion != null && endNanos - firstTokenNanos > 0) {
                perSecond = Math.round(completion * 1e10 / (endNanos - firstTokenNanos)) / 10.0;
            }
            return new ReplyStore.Ending(endStatus, promptTokens, completion, ttft, duration, perSecond,
                    endStatus == MessageStatus.failed || endStatus == MessageStatus.interrupted ? problemJson : null);
        }
    }

    private String toJson(HttpProblem problem) {
        try {
            return json.writeValueAsString(ProblemJson.body(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
