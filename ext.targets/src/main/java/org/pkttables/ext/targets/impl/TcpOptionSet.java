package org.pkttables.ext.targets.impl;

import java.util.Arrays;

/** A set of TCP option kinds 0-255 as four 64-bit words; immutable. */
final class TcpOptionSet {
    static final TcpOptionSet EMPTY = new TcpOptionSet(new long[4]);

    private final long[] bits;

    TcpOptionSet(long[] bits) {
        this.bits = bits.clone();
    }

    boolean contains(int kind) {
        return (bits[kind >>> 6] & 1L << (kind & 63)) != 0;
    }

    long word(int i) {
        return bits[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpOptionSet s && Arrays.equals(bits, s.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 256; k++) {
            if (contains(k)) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(k);
            }
        }
        return sb.toString();
    }
}
