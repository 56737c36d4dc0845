package org.pkttables.route.impl;

import java.net.InetAddress;

import org.pkttables.api.Family;

/**
 * Addresses as two longs, so IPv4 and IPv6 share one lookup: IPv6 is {@code hi:lo} big-endian, IPv4
 * sits in the top 32 bits of {@code hi} (a /p IPv4 prefix masks the same bits as a /p IPv6 one).
 */
final class Bits {
    private Bits() {
    }

    static int maxLength(Family family) {
        return family == Family.IPV4 ? 32 : 128;
    }

    static long hi(Family family, byte[] b, int o) {
        if (family == Family.IPV4) {
            return (long) ((b[o] & 0xff) << 24 | (b[o + 1] & 0xff) << 16 | (b[o + 2] & 0xff) << 8 | (b[o + 3] & 0xff)) << 32;
        }
        return longAt(b, o);
    }

    static long lo(Family family, byte[] b, int o) {
        return family == Family.IPV4 ? 0L : longAt(b, o + 8);
    }

    static long hi(InetAddress a) {
        byte[] b = a.getAddress();
        return hi(b.length == 4 ? Family.IPV4 : Family.IPV6, b, 0);
    }

    static long lo(InetAddress a) {
        byte[] b = a.getAddress();
        return lo(b.length == 4 ? Family.IPV4 : Family.IPV6, b, 0);
    }

    private static long longAt(byte[] b, int o) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[o + i] & 0xff);
        }
        return v;
    }

    /** The mask of the high word for a prefix length 0 … 128. */
    static long maskHi(int len) {
        return len <= 0 ? 0L : len >= 64 ? -1L : -1L << (64 - len);
    }

    /** The mask of the low word for a prefix length 0 … 128. */
    static long maskLo(int len) {
        return len <= 64 ? 0L : len >= 128 ? -1L : -1L << (128 - len);
    }

    /** True if {@code addr} (hi, lo) lies in the prefix (phi, plo)/len. */
    static boolean covers(long phi, long plo, int len, long hi, long lo) {
        return ((hi ^ phi) & maskHi(len)) == 0 && ((lo ^ plo) & maskLo(len)) == 0;
    }

    /** The address with its host bits cleared, as an InetAddress of the family. */
    static InetAddress network(InetAddress a, int len) {
        byte[] b = a.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, len - i * 8));
            b[i] &= (byte) (0xff00 >>> keep);
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: 4 or 16 bytes
        }
    }

    static Family family(InetAddress a) {
        return a.getAddress().length == 4 ? Family.IPV4 : Family.IPV6;
    }

    /** fe80::/10. */
    static boolean linkLocal6(long hi) {
        return (hi & 0xffc0_0000_0000_0000L) == 0xfe80_0000_0000_0000L;
    }
}
