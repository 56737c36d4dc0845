package org.pkttables.io.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters with a single writer (one capture or worker thread) and any number of readers (the
 * {@code ports}/{@code workers} commands). Opaque access: the writer never locks or fences, a reader
 * sees a recent value, never a torn one.
 */
final class Counters {
    private static final VarHandle AA = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] v;

    Counters(int size) {
        v = new long[size];
    }

    /** Only from the owning thread. */
    void add(int i, long d) {
        AA.setOpaque(v, i, (long) AA.getOpaque(v, i) + d);
    }

    void inc(int i) {
        add(i, 1);
    }

    /** Only from the owning thread: overwrite (for values copied from libpcap's statistics). */
    void set(int i, long value) {
        AA.setOpaque(v, i, value);
    }

    long get(int i) {
        return (long) AA.getOpaque(v, i);
    }
}
