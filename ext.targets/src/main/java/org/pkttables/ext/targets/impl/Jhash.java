package org.pkttables.ext.targets.impl;

/** The Linux kernel's jhash_3words (Bob Jenkins' lookup3 final mix), so hashes equal the kernel's. */
final class Jhash {
    /** JHASH_INITVAL of include/linux/jhash.h. */
    private static final int INITVAL = 0xdeadbeef;

    private Jhash() {
    }

    static int jhash3Words(int a, int b, int c, int initval) {
        int iv = initval + INITVAL + (3 << 2);
        a += iv;
        b += iv;
        c += iv;
        c ^= b;
        c -= Integer.rotateLeft(b, 14);
        a ^= c;
        a -= Integer.rotateLeft(c, 11);
        b ^= a;
        b -= Integer.rotateLeft(a, 25);
        c ^= b;
        c -= Integer.rotateLeft(b, 16);
        a ^= c;
        a -= Integer.rotateLeft(c, 4);
        b ^= a;
        b -= Integer.rotateLeft(a, 14);
        c ^= b;
        c -= Integer.rotateLeft(b, 24);
        return c;
    }
}
