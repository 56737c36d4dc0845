package org.pkttables.io.bridge;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The bridge's forwarding database: which port a MAC address was last seen on, forgotten after the
 * ageing time. Shared by all workers without locks: an open-addressing table where one long holds
 * the address and its port (so a reader never sees an address with another address's port), and a
 * second array holds when it was last seen. Lost races only cost a flood or a relearn.
 */
public final class Fdb {
    private static final VarHandle AA = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int PROBE = 8;
    /** Refresh "last seen" at most this often per address, so busy flows do not keep writing it. */
    private static final long REFRESH_NS = 1_000_000_000L;

    private final long[] entries;
    private final long[] seen;
    private final int mask;
    private final long ageNs;

    public Fdb(int capacity, long ageNs) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("fdb capacity " + capacity + " is not a power of two");
        }
        entries = new long[capacity];
        seen = new long[capacity];
        mask = capacity - 1;
        this.ageNs = ageNs;
    }

    /** The port {@code mac} was last seen on, or -1 when unknown or aged out (then: flood). */
    public int lookup(long mac, long now) {
        int i = index(mac);
        for (int k = 0; k < PROBE; k++) {
            int j = (i + k) & mask;
            long e = (long) AA.getAcquire(entries, j);
            if (e == 0) {
                return -1;
            }
            if (e >>> 16 == mac) {
                return now - (long) AA.getOpaque(seen, j) > ageNs ? -1 : (int) (e & 0xffff) - 1;
            }
        }
        return -1;
    }

    /** Records that a frame from {@code mac} arrived on {@code port}. */
    public void learn(long mac, int port, long now) {
        long packed = (mac << 16) | (port + 1);
        int i = index(mac);
        int oldest = -1;
        long oldestSeen = Long.MAX_VALUE;
        for (int k = 0; k < PROBE; k++) {
            int j = (i + k) & mask;
            long e = (long) AA.getAcquire(entries, j);
            if (e == packed) {
                if (now - (long) AA.getOpaque(seen, j) > REFRESH_NS) {
                    AA.setOpaque(seen, j, now);
                }
                return;
            }
            if (e == 0 || e >>> 16 == mac) {
                // New address, or one that moved to another port.
                AA.setOpaque(seen, j, now);
                AA.setRelease(entries, j, packed);
                return;
            }
            long s = (long) AA.getOpaque(seen, j);
            if (s < oldestSeen) {
                oldestSeen = s;
                oldest = j;
            }
        }
        // Probe window full: the least recently seen address makes room.
        AA.setOpaque(seen, oldest, now);
        AA.setRelease(entries, oldest, packed);
    }

    /** Addresses not aged out (for the status display). */
    public int size(long now) {
        int n = 0;
        for (int j = 0; j <= mask; j++) {
            if ((long) AA.getAcquire(entries, j) != 0 && now - (long) AA.getOpaque(seen, j) <= ageNs) {
                n++;
            }
        }
        return n;
    }

    private int index(long mac) {
        long h = mac * 0x9e3779b97f4a7c15L;
        return (int) (h >>> 40) & mask;
    }

    /** The 48-bit address at {@code off}. */
    public static long mac(byte[] b, int off) {
        long v = 0;
        for (int k = 0; k < 6; k++) {
            v = (v << 8) | (b[off + k] & 0xff);
        }
        return v;
    }
}
