package org.pkttables.nat;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The kernel's {@code nf_nat_bysource} for {@code find_appropriate_src} (net/netfilter/nf_nat_core.c): the
 * source mapping of connections bound for source NAT, found by their original source (protocol, address,
 * port or echo id), so a new connection from the same source socket can take the same external address
 * and port (while unique). The kernel chains every such connection; here one slot per hash of the source
 * keeps the latest, with the reply tuple it was given so a caller can check that connection is still there
 * (an older one of the same source, or one whose slot another source took, is not found: that new
 * connection then gets its mapping as any other). Fixed size, lock-free (a sequence number per slot:
 * writers that meet another writer give up; readers that meet a writer miss), allocation-free.
 */
final class NatBySource {
    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(long[].class);
    /** Longs per slot: sequence, source high and low, protocol|source port|mapped port|server port, mapped high and low, server high and low. */
    private static final int STRIDE = 8;

    private final long[] t;
    private final int mask;

    /** @param slots a power of two */
    NatBySource(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        t = new long[slots * STRIDE];
        mask = slots - 1;
    }

    private int slot(int proto, long srcHi, long src, int sport) {
        long h = src * 0x9E3779B97F4A7C15L ^ srcHi * 0xC2B2AE3D27D4EB4FL ^ ((long) proto << 16 | sport) * 0x165667B19E3779F9L;
        h ^= h >>> 31;
        return ((int) h & mask) * STRIDE;
    }

    private static long ports(int proto, int sport, int mport, int dport) {
        return (long) proto << 48 | (long) sport << 32 | (long) mport << 16 | dport;
    }

    /**
     * Records that connections from {@code src:sport} ({@code proto}) leave as {@code map:mport}; the one
     * recorded has the reply tuple {@code server:dport → map:mport}.
     */
    void put(int proto, long srcHi, long src, int sport, long mapHi, long map, int mport, long serverHi, long server,
            int dport) {
        int i = slot(proto, srcHi, src, sport);
        long v = (long) SEQ.getAcquire(t, i);
        if ((v & 1) != 0 || !SEQ.compareAndSet(t, i, v, v + 1)) {
            return; // another writer on this slot: as if this connection's record had been replaced at once
        }
        t[i + 1] = srcHi;
        t[i + 2] = src;
        t[i + 3] = ports(proto, sport, mport, dport);
        t[i + 4] = mapHi;
        t[i + 5] = map;
        t[i + 6] = serverHi;
        t[i + 7] = server;
        SEQ.setRelease(t, i, v + 2);
    }

    /**
     * The latest mapping of {@code src:sport} ({@code proto}): true and {@code out[at..at+5]} = mapped high,
     * low, port, server high, low, port; false when none is recorded (or a writer is busy with its slot).
     */
    boolean find(int proto, long srcHi, long src, int sport, long[] out, int at) {
        int i = slot(proto, srcHi, src, sport);
        long v = (long) SEQ.getAcquire(t, i);
        if (v == 0 || (v & 1) != 0) {
            return false;
        }
        long sH = t[i + 1];
        long s = t[i + 2];
        long p = t[i + 3];
        long mH = t[i + 4];
        long m = t[i + 5];
        long dH = t[i + 6];
        long d = t[i + 7];
        VarHandle.loadLoadFence();
        if ((long) SEQ.getOpaque(t, i) != v || sH != srcHi || s != src || p >>> 32 != ((long) proto << 16 | sport)) {
            return false;
        }
        out[at] = mH;
        out[at + 1] = m;
        out[at + 2] = p >>> 16 & 0xffff;
        out[at + 3] = dH;
        out[at + 4] = d;
        out[at + 5] = p & 0xffff;
        return true;
    }
}
