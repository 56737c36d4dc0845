package org.pkttables.tables.impl;

import java.util.Arrays;

import org.pkttables.api.PacketContext;

/**
 * Packet/byte counters the way the kernel keeps them per CPU: every worker owns one long[] that only
 * it writes, indexed by counter id, so counting needs no lock and no atomic. Readers add the workers'
 * slots up; zeroing and setting move a per-id base instead of writing into a worker's array (which
 * would race with it).
 */
final class CounterBank {
    private final long[][] perWorker = new long[PacketContext.MAX_WORKERS][];
    /** Packets dropped because the rule's extension threw, per worker by counter id (rare: grown on use). */
    private final long[][] faultsPerWorker = new long[PacketContext.MAX_WORKERS][];
    private long[] base = new long[64];
    private long[] faultBase = new long[32];
    private int[] free = new int[16];
    private int freeCount;
    private int next;

    /** Hot path: counts one packet of {@code bytes} bytes for counter {@code id} on {@code worker}. */
    void add(int worker, int id, int bytes) {
        long[] a = perWorker[worker];
        int i = id << 1;
        if (a == null || i + 1 >= a.length) {
            a = grow(worker, i);
        }
        a[i]++;
        a[i + 1] += bytes;
    }

    // Rare: only when a worker first sees a counter id beyond its array.
    private long[] grow(int worker, int i) {
        long[] a = perWorker[worker];
        int n = Math.max(128, Integer.highestOneBit(i + 2) << 1);
        long[] b = a == null ? new long[n] : Arrays.copyOf(a, Math.max(n, a.length));
        perWorker[worker] = b;
        return b;
    }

    /** Fault path: one packet dropped because counter {@code id}'s rule threw, on {@code worker}. */
    void addFault(int worker, int id) {
        long[] a = faultsPerWorker[worker];
        if (a == null || id >= a.length) {
            a = growFaults(worker, id);
        }
        a[id]++;
    }

    private long[] growFaults(int worker, int id) {
        long[] a = faultsPerWorker[worker];
        int n = Math.max(64, Integer.highestOneBit(id + 1) << 1);
        long[] b = a == null ? new long[n] : Arrays.copyOf(a, Math.max(n, a.length));
        faultsPerWorker[worker] = b;
        return b;
    }

    private long rawFaults(int id) {
        long s = 0;
        for (long[] a : faultsPerWorker) {
            if (a != null && id < a.length) {
                s += a[id];
            }
        }
        return s;
    }

    /**
     * Packets dropped because the rule of counter {@code id} threw, since the rule was created (not
     * zeroed by {@code -Z} nor set by {@code restore -c}: it is a health figure, not a rule counter).
     */
    synchronized long faults(int id) {
        return rawFaults(id) - (id < faultBase.length ? faultBase[id] : 0);
    }

    private long raw(int id, int which) {
        long s = 0;
        int i = (id << 1) + which;
        for (long[] a : perWorker) {
            if (a != null && i < a.length) {
                s += a[i];
            }
        }
        return s;
    }

    synchronized long packets(int id) {
        return raw(id, 0) - base[id << 1];
    }

    synchronized long bytes(int id) {
        return raw(id, 1) - base[(id << 1) + 1];
    }

    /** Sets the visible value of a counter (zero, or restore -c). */
    synchronized void set(int id, long packets, long bytes) {
        ensureBase(id);
        base[id << 1] = raw(id, 0) - packets;
        base[(id << 1) + 1] = raw(id, 1) - bytes;
    }

    /** A fresh counter reading zero. */
    synchronized int allocate() {
        int id = freeCount > 0 ? free[--freeCount] : next++;
        set(id, 0, 0);
        if (id >= faultBase.length) {
            faultBase = Arrays.copyOf(faultBase, Math.max(faultBase.length * 2, id + 1));
        }
        faultBase[id] = rawFaults(id);
        return id;
    }

    synchronized void release(int id) {
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = id;
    }

    private void ensureBase(int id) {
        if ((id << 1) + 1 >= base.length) {
            base = Arrays.copyOf(base, Math.max(base.length * 2, (id << 1) + 2));
        }
    }
}
