package dev.aistudio.image.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

/** The detail stored with a job that failed inside image-service names what failed, even for a bare exception. */
class FailureDetailTest {

    @Test
    void anExceptionWithoutAMessageIsNamedByItsKind() {
        // e.g. a claimed job whose row is gone when it is loaded; getMessage() is null here ("Unexpected failure: null")
        assertEquals("NoSuchElementException", JobWorker.describe(new NoSuchElementException()));
    }

    @Test
    void theCausesAreNamedToo() {
        Exception failure = new IllegalStateException("store failed",
                new java.io.IOException("Connection reset by peer"));
        assertEquals("IllegalStateException: store failed, caused by IOException: Connection reset by peer",
                JobWorker.describe(failure));
    }
}
