package dev.aistudio.user.session;

import java.time.Instant;
import java.util.UUID;

/** A session as its owner sees it in the list of where they are signed in. */
public record SessionView(UUID id, Session.Kind kind, Instant createdAt, Instant lastSeenAt, Instant expiresAt,
        String userAgent, String clientAddress, boolean current) {

    public static SessionView of(Session session, UUID currentId) {
        return new SessionView(session.id, session.kind, session.createdAt, session.lastSeenAt, session.expiresAt(),
                session.userAgent, session.clientAddress, session.id.equals(currentId));
    }
}
