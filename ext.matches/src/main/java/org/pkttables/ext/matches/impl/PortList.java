package org.pkttables.ext.matches.impl;

import java.util.Arrays;

/**
 * The ports of a multiport option: entry i is the range {@code lo[i]..hi[i]} (a single port has
 * lo == hi). Arrays are copied in and never handed out, so instances are immutable.
 */
final class PortList {
    private final int[] lo;
    private final int[] hi;

    PortList(int[] lo, int[] hi) {
        this.lo = lo.clone();
        this.hi = hi.clone();
    }

    int size() {
        return lo.length;
    }

    int lo(int i) {
        return lo[i];
    }

    int hi(int i) {
        return hi[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortList l && Arrays.equals(lo, l.lo) && Arrays.equals(hi, l.hi);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lo) * 31 + Arrays.hashCode(hi);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lo.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(lo[i]);
            if (hi[i] != lo[i]) {
                sb.append(':').append(hi[i]);
            }
        }
        return sb.toString();
    }
}
