package org.pkttables.tables.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class FrameFuzzerTest {
    private static final byte[] FRAME = { 1, 2, 3, 4, 5, 6, 7, 8 };

    @Test
    void aReadPastTheEndOrBeforeTheStartIsCaught() {
        AssertionError past = assertThrows(AssertionError.class,
                () -> FrameFuzzer.check("t", FRAME, p -> Integer.toString(p.buffer()[p.end()])));
        assertTrue(past.getMessage().contains("outside the frame"), past.getMessage());
        assertTrue(past.getMessage().contains("0102030405060708"), past.getMessage());
        assertThrows(AssertionError.class, () -> FrameFuzzer.check("t", FRAME, p -> Integer.toString(p.buffer()[p.start() + 9])));
        // before the start: the frame sits at a different offset in each buffer
        assertThrows(AssertionError.class, () -> FrameFuzzer.check("t", FRAME, p -> Integer.toString(p.buffer()[0])));
    }

    @Test
    void boundedReadsPassAndAnEscapingExceptionIsAFailure() {
        assertEquals("8 -1", FrameFuzzer.check("t", FRAME, p -> p.u8(p.end() - 1) + " " + p.u8(p.end())));
        AssertionError e = assertThrows(AssertionError.class, () -> FrameFuzzer.check("iteration 7", FRAME, p -> {
            throw new IllegalStateException("boom");
        }));
        assertTrue(e.getMessage().startsWith("iteration 7: java.lang.IllegalStateException: boom"), e.getMessage());
    }

    @Test
    void theCorpusIsReadAndTheMutationsAreSeeded() {
        List<byte[]> corpus = FrameFuzzer.corpus(new ByteArrayInputStream(
                "# a comment\n\n0102 0304\nffee\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(2, corpus.size());
        assertTrue(Arrays.equals(new byte[] { 1, 2, 3, 4 }, corpus.get(0)));
        FrameFuzzer a = new FrameFuzzer(5, corpus);
        FrameFuzzer b = new FrameFuzzer(5, corpus);
        boolean mutated = false;
        for (int i = 0; i < 200; i++) {
            byte[] x = a.next();
            assertTrue(Arrays.equals(x, b.next()), "same seed, same frames");
            mutated |= !Arrays.equals(x, corpus.get(0)) && !Arrays.equals(x, corpus.get(1));
        }
        assertTrue(mutated);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> FrameFuzzer.corpus(new ByteArrayInputStream("abc\n".getBytes(StandardCharsets.US_ASCII))));
        assertTrue(bad.getMessage().contains("line 1"), bad.getMessage());
    }
}
