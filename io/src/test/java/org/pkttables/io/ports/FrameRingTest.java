package org.pkttables.io.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameRingTest {
    @Test
    void framesBecomeVisibleOnlyWhenPublishedAndSlotsAreReused() {
        FrameRing r = new FrameRing(4);
        for (int i = 0; i < 4; i++) {
            byte[] b = r.claim(60);
            b[0] = (byte) i;
            r.commit(60 + i);
        }
        assertNull(r.claim(60), "full");
        assertEquals(0, r.available(), "nothing published yet");
        assertTrue(r.publish());
        assertFalse(r.publish(), "nothing new");
        assertEquals(4, r.available());
        long s = r.headSeq();
        byte[] first = r.buffer(s);
        assertEquals(0, first[0]);
        assertEquals(63, r.length(s + 3));
        r.release(2);
        assertEquals(2, r.available());
        assertSame(first, r.claim(100), "the freed slot's buffer is reused");
    }

    @Test
    void aSlotGrowsOnceForABigFrame() {
        FrameRing r = new FrameRing(2);
        byte[] big = r.claim(65_000);
        assertNotNull(big);
        assertTrue(big.length >= 65_000);
    }

    @Test
    void aBatchIsDueAfterBatchFrames() {
        FrameRing r = new FrameRing(64);
        for (int i = 0; i < FrameRing.BATCH - 1; i++) {
            r.claim(60);
            assertFalse(r.commit(60));
        }
        r.claim(60);
        assertTrue(r.commit(60));
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new FrameRing(1000));
    }
}
