package dev.aistudio.chat.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

import dev.aistudio.problem.Problems;

/** Where a page of the newest-first list ended: the last item's update time and id, opaque to clients. */
public record PageCursor(Instant updatedAt, UUID id) {

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, updatedAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; anything we did not hand out is a 400. */
    public static PageCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 2);
            return new PageCursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS),
                    UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw Problems.of(400, "invalid_cursor", "Invalid cursor",
                    "The cursor is not one this service handed out; start again without it.");
        }
    }
}
