package org.pkttables.io.ports;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters with a single writer (one capture or worker thread) and any number of readers (the
 * {@code ports}/{@code workers} commands). Opaque access: the writer never locks or fences, a reader
 * sees a recent value, never a torn one.
 */
public final class Counters {
    private static final VarHandle AA = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] v;

    public Counters(int size) {
        v = new long[size];
    }

    /** Only from the owning thread. */
    public void add(int i, long d) {
        AA.setOpaque(v, i, (long) AA.getOpaque(v, i) + d);
    }

    public void inc(int i) {
        add(i, 1);
    }

    /** Only from the owning thread: overwrite (for values copied from libpcap's statistics). */
    public void set(int i, long value) {
        AA.setOpaque(v, i, value);
    }

    public long get(int i) {
        return (long) AA.getOpaque(v, i);
    }
}
