package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.ext.targets.api.LogRing;

/** The LOG queue's delivery: every line to the backend, in order, what is left delivered at the stop. */
class LogQueueTest {
    @Test
    void deliversEveryLineThenStops() {
        LogRing ring = new LogRing(16);
        ring.publish(4, "FW: IN=eth0 first");
        ring.publish(7, "FW: IN=eth0 second");
        List<String> got = new ArrayList<>();
        // Asked to stop before it starts: it still delivers what the ring holds, then returns.
        Thread.currentThread().interrupt();
        LogQueue.deliver(ring, (level, line) -> got.add(level + ":" + line));
        assertTrue(Thread.interrupted(), "the stop request is kept");
        assertEquals(List.of("4:FW: IN=eth0 first", "7:FW: IN=eth0 second"), got);
        assertEquals(0, ring.dropped());
    }
}
