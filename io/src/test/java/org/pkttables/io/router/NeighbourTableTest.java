package org.pkttables.io.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.tables.testing.Frames;

/** Neighbour states over explicit clock values: resolution, probes, failure, staleness and grace. */
class NeighbourTableTest {
    private static final long S = 1_000_000_000L;
    private final NeighbourTable t = new NeighbourTable(60 * S, 8);
    private final NeighbourTable.Key k = new NeighbourTable.Key().set(1, Frames.addr("10.0.2.2", 4), 0, 4);

    @Test
    void resolveProbeThreeTimesThenFail() {
        NeighbourTable.Entry e = t.resolve(k, 0);
        assertSame(e, t.resolve(new NeighbourTable.Key().set(1, Frames.addr("10.0.2.2", 4), 0, 4), 0),
                "one entry per port and address");
        assertTrue(t.probeDue(e, 0));
        assertFalse(t.probeDue(e, S / 2), "one probe per second over all workers");
        assertTrue(t.probeDue(e, S));
        assertTrue(t.probeDue(e, 2 * S));
        assertFalse(t.probeDue(e, 3 * S), "three probes unanswered");
        assertEquals(NeighbourTable.FAILED, e.state);
        t.sweep(5 * S);
        assertNull(t.get(k, 5 * S), "a failed entry goes; the next packet tries again");
    }

    @Test
    void aStaleEntryIsStillUsedWhileItIsAskedAgainThenForgotten() {
        assertTrue(t.confirm(k, 0x020000000202L, 0, true));
        assertFalse(t.confirm(k, 0x020000000202L, S, true), "nothing new");
        NeighbourTable.Entry e = t.get(k, 30 * S);
        assertFalse(t.refreshDue(e, 30 * S), "fresh");
        assertTrue(t.refreshDue(e, 62 * S), "stale: asked again");
        assertFalse(t.refreshDue(e, 62 * S + 1));
        assertNotNull(t.get(k, 63 * S), "still used");
        assertTrue(t.list(new String[] {"p0", "p1"}, 63 * S).get(0).contains("STALE"));
        t.confirm(k, 0x020000000202L, 63 * S, false);
        assertNotNull(t.get(k, 100 * S), "confirmed again");
        assertNull(t.get(k, 200 * S), "unconfirmed past the grace: forgotten");
    }

    @Test
    void theTableIsBounded() {
        for (int i = 0; i < 8; i++) {
            assertNotNull(t.resolve(new NeighbourTable.Key().set(0, new byte[] {10, 0, 0, (byte) i}, 0, 4), 0));
        }
        assertNull(t.resolve(k, 0));
        assertFalse(t.confirm(k, 1, 0, true));
    }
}
