package org.pkttables.ext.matches.impl;

/**
 * An inclusive range of unsigned numbers ({@code --length 4:100}, {@code --espspi 1:5}). Unlike
 * {@link org.pkttables.api.ext.PortRange}, {@code lo > hi} is allowed: iptables accepts it too and the
 * range then matches nothing.
 */
record NumRange(long lo, long hi) {
    boolean contains(long v) {
        return v >= lo && v <= hi;
    }

    boolean isAll(long max) {
        return lo == 0 && hi == max;
    }
}
