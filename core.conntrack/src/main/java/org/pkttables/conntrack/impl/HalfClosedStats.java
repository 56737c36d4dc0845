package org.pkttables.conntrack.impl;

import java.util.concurrent.atomic.LongAdder;

/**
 * How long TCP connections stay half-closed (conntrack's CLOSE_WAIT: one side sent FIN, the other has
 * not yet): a histogram of the time from entering CLOSE_WAIT to leaving it, recorded by the TCP tracker.
 */
final class HalfClosedStats {
    /** Upper bounds of the histogram's classes in ms; the last class is everything longer. */
    static final long[] BOUNDS = { 1_000, 10_000, 60_000, 300_000, 3_600_000 };
    static final String[] LABELS = { "<1s", "<10s", "<1m", "<5m", "<1h", ">=1h" };
    private final LongAdder[] counts = new LongAdder[BOUNDS.length + 1];
    private final LongAdder totalMs = new LongAdder();

    HalfClosedStats() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void record(long ms) {
        int i = 0;
        while (i < BOUNDS.length && ms >= BOUNDS[i]) {
            i++;
        }
        counts[i].increment();
        totalMs.add(Math.max(0, ms));
    }

    long[] counts() {
        long[] c = new long[counts.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts[i].sum();
        }
        return c;
    }

    long totalMs() {
        return totalMs.sum();
    }
}
