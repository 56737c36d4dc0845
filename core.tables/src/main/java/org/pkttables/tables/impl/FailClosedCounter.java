package org.pkttables.tables.impl;

import org.pkttables.api.PacketContext;

/** Packets dropped by rules whose extension is missing; one slot per worker, summed on read. */
final class FailClosedCounter {
    // 8 longs apart so workers never share a cache line.
    private final long[] slots = new long[PacketContext.MAX_WORKERS * 8];

    void increment(int worker) {
        slots[worker << 3]++;
    }

    long total() {
        long s = 0;
        for (int i = 0; i < slots.length; i += 8) {
            s += slots[i];
        }
        return s;
    }
}
