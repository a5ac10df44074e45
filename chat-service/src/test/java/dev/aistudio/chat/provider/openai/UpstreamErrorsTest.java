package dev.aistudio.chat.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

class UpstreamErrorsTest {

    @Test
    void retryAfterIsReadInSecondsOrAsAnHttpDate() {
        assertEquals(7L, UpstreamErrors.retryAfterSeconds("7"));
        assertEquals(0L, UpstreamErrors.retryAfterSeconds("-3"));
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(2));
        long seconds = UpstreamErrors.retryAfterSeconds(inTwoMinutes);
        assertTrue(seconds > 100 && seconds <= 120, "got " + seconds);
        assertNull(UpstreamErrors.retryAfterSeconds("soon"));
        assertNull(UpstreamErrors.retryAfterSeconds(null));
    }
}
