package org.pkttables.tables.impl;

import org.pkttables.api.PacketContext;

/**
 * A count kept per worker (fail-closed drops, extension faults): one slot per worker, written only by
 * that worker, summed on read.
 */
final class PerWorkerCount {
    // 8 longs apart so workers never share a cache line.
    private final long[] slots = new long[PacketContext.MAX_WORKERS * 8];

    void increment(int worker) {
        slots[worker << 3]++;
    }

    long get(int worker) {
        return worker < 0 || worker >= PacketContext.MAX_WORKERS ? 0 : slots[worker << 3];
    }

    long total() {
        long s = 0;
        for (int i = 0; i < slots.length; i += 8) {
            s += slots[i];
        }
        return s;
    }
}
