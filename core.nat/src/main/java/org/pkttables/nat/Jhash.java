package org.pkttables.nat;

/**
 * The kernel's {@code jhash2} (include/linux/jhash.h, Bob Jenkins' lookup3) over four 32-bit words, and
 * {@code reciprocal_scale}: what {@code find_best_ips_proto} uses to pick an address from a range, so the
 * choice is the kernel's own for the same tuple (it takes no random key). The words are the address bytes
 * as a little-endian CPU loads them ({@link #le}), since the kernel hashes network-order memory as u32.
 */
final class Jhash {
    private static final int JHASH_INITVAL = 0xdeadbeef;

    private Jhash() {
    }

    /** {@code jhash2(k, 4, initval)}. */
    static int jhash2(int k0, int k1, int k2, int k3, int initval) {
        int a = JHASH_INITVAL + (4 << 2) + initval;
        int b = a;
        int c = a;
        // one __jhash_mix round for k[0..2]
        a += k0;
        b += k1;
        c += k2;
        a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
        b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
        c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
        a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
        b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
        c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
        // length 1 left: a += k[3], then __jhash_final
        a += k3;
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    /** {@code reciprocal_scale(val, ep_ro)}: {@code ((u64) val * ep_ro) >> 32}, unsigned. */
    static int reciprocalScale(int val, int epRo) {
        return (int) (((val & 0xffffffffL) * (epRo & 0xffffffffL)) >>> 32);
    }

    /** A network-order 32-bit word (its value as written on the wire) as a little-endian CPU reads it. */
    static int le(long networkWord) {
        return Integer.reverseBytes((int) networkWord);
    }
}
