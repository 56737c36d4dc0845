package org.pkttables.nat.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.ToIntFunction;

import org.pkttables.api.Verdict;

/** The check of the NAT tests' translate-and-compare steps: a frame passes and leaves as the one wanted. */
final class TranslatedFrames {
    private TranslatedFrames() {
    }

    /** {@code frame} is accepted along {@code path} (which rewrites it in place) and leaves as {@code want}. */
    static void passesAs(ToIntFunction<byte[]> path, byte[] frame, byte[] want) {
        assertEquals(Verdict.ACCEPT, path.applyAsInt(frame));
        assertArrayEquals(want, frame);
    }
}
