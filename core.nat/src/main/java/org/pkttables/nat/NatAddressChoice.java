package org.pkttables.nat;

/**
 * The address a new connection is mapped to from a range of addresses, exactly as the kernel's
 * {@code find_best_ips_proto} (net/netfilter/nf_nat_core.c) picks it: {@code jhash2} of the source
 * address (all four words of {@code union nf_inet_addr}, IPv4 in the first) with the last word of the
 * destination address as initial value (0 with {@code --persistent}, so a client keeps one address whatever
 * it talks to), scaled onto the range word by word; once a word is below the range's maximum the later
 * words may take any value. No random key: the same tuple gives the same address as in the kernel.
 * Allocation-free.
 */
public final class NatAddressChoice {
    private NatAddressChoice() {
    }

    /** IPv4: the address for a connection {@code src → dst} in {@code min..max} (unsigned 32-bit values). */
    public static long ipv4(long src, long dst, long min, long max, boolean persistent) {
        if (min == max) {
            return min; // fast path: only one choice
        }
        int j = Jhash.jhash2(Jhash.le(src), 0, 0, 0, persistent ? 0 : Jhash.le(dst));
        int dist = (int) max - (int) min + 1;
        return ((int) min + Jhash.reciprocalScale(j, dist)) & 0xffffffffL;
    }

    /**
     * IPv6: the address for {@code src → dst} in {@code min..max} (each as high and low 64 bits), written to
     * {@code out[at]} (high) and {@code out[at + 1]} (low). {@code dstManip}: the destination is the one
     * replaced, and the kernel then mixes the words it has just chosen into the hash of the next ones.
     */
    public static void ipv6(long srcHi, long srcLo, long dstHi, long dstLo, long minHi, long minLo, long maxHi, long maxLo,
            boolean persistent, boolean dstManip, long[] out, int at) {
        if (minHi == maxHi && minLo == maxLo) {
            out[at] = minHi;
            out[at + 1] = minLo;
            return;
        }
        int j = Jhash.jhash2(Jhash.le(srcHi >>> 32), Jhash.le(srcHi), Jhash.le(srcLo >>> 32), Jhash.le(srcLo),
                persistent ? 0 : Jhash.le(dstLo));
        boolean full = false;
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            int minip;
            int dist;
            int maxw = word(maxHi, maxLo, i);
            if (!full) {
                minip = word(minHi, minLo, i);
                dist = maxw - minip + 1;
            } else {
                minip = 0;
                dist = ~0;
            }
            int w = minip + Jhash.reciprocalScale(j, dist);
            if (w != maxw) {
                full = true;
            }
            if (!persistent) {
                j ^= Jhash.le(dstManip ? w : word(dstHi, dstLo, i));
            }
            if (i < 2) {
                hi = hi << 32 | (w & 0xffffffffL);
            } else {
                lo = lo << 32 | (w & 0xffffffffL);
            }
        }
        out[at] = hi;
        out[at + 1] = lo;
    }

    /** Word {@code i} (0 = first on the wire) of a 128-bit address. */
    private static int word(long hi, long lo, int i) {
        long v = i < 2 ? hi : lo;
        return (int) ((i & 1) == 0 ? v >>> 32 : v);
    }
}
