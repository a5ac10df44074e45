package dev.aistudio.chat.generation;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.chat.config.ChatConfig;
import dev.aistudio.chat.message.MessageStatus;
import dev.aistudio.chat.message.MessageView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;

/**
 * Follows a reply generated on another replica (or already ended) through the database: re-reads the stored row when
 * a notification says it changed, and on a slow timer in case one was missed, and sends only the text not yet sent.
 */
@ApplicationScoped
public class StoredReplyFollower {

    private final ReplyStore store;
    private final ReplyNotifications notifications;
    private final Vertx vertx;
    private final ChatConfig config;

    public StoredReplyFollower(ReplyStore store, ReplyNotifications notifications, Vertx vertx, ChatConfig config) {
        this.store = store;
        this.notifications = notifications;
        this.vertx = vertx;
        this.config = config;
    }

    /** The stored reply from character {@code from}, live until it ends. */
    public Multi<ReplyEvent> follow(UUID replyId, int from) {
        return Multi.createFrom().emitter(emitter -> new Reader(replyId, from, emitter).begin());
    }

    private final class Reader {
        private final UUID replyId;
        private final MultiEmitter<? super ReplyEvent> emitter;
        private int sent;
        private boolean reading;
        private boolean again;
        private boolean done;
        private Runnable unwatch = () -> {
        };
        private long timer = -1;

        Reader(UUID replyId, int from, MultiEmitter<? super ReplyEvent> emitter) {
            this.replyId = replyId;
            this.sent = Math.max(0, from);
            this.emitter = emitter;
        }

        void begin() {
            // watch before the first read, so a change between the two is not missed
            unwatch = notifications.watch(replyId, this::read);
            timer = vertx.setPeriodic(config.followPollInterval().toMillis(), id -> read());
            emitter.onTermination(this::end);
            read();
        }

        private void read() {
            synchronized (this) {
                if (done) {
                    return;
                }
                if (reading) {
                    again = true;
                    return;
                }
                reading = true;
            }
            store.message(replyId).subscribe().with(this::apply, failure -> {
                end();
                emitter.fail(failure);
            });
        }

        private void apply(MessageView stored) {
            boolean readAgain;
            synchronized (this) {
                reading = false;
                if (done) {
                    return;
                }
                if (stored == null) {
                    done = true;
                } else {
                    String content = stored.content();
                    if (content.length() > sent) {
                        emitter.emit(new ReplyEvent.Delta(content.substring(sent), content.length()));
                        sent = content.length();
                    }
                    if (!MessageStatus.streaming.name().equals(stored.status())) {
                        done = true;
                        emitter.emit(new ReplyEvent.Finished(stored, stored.error() != null ? stored.error()
                                : interruptedProblem(stored), content.length()));
                    }
                }
                readAgain = again && !done;
                again = false;
            }
            if (done) {
                end();
                emitter.complete();
            } else if (readAgain) {
                read();
            }
        }

        private void end() {
            synchronized (this) {
                done = true;
            }
            unwatch.run();
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        }
    }

    private static String interruptedProblem(MessageView stored) {
        if (!MessageStatus.interrupted.name().equals(stored.status())) {
            return null;
        }
        return "{\"type\":\"https://aistudio.dev/problems/reply_interrupted\",\"title\":\"The reply was interrupted\","
                + "\"status\":503,\"detail\":\"The service generating this reply went away; the text so far is kept.\","
                + "\"code\":\"reply_interrupted\"}";
    }
}
