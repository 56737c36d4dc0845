package org.pkttables.ext.ipset.impl;

/**
 * Working memory for one lookup: the fields read from the packet, the same fields masked to one
 * prefix length, and the packed key. One per worker (indexed by {@code PacketContext.worker()}), so the
 * packet path allocates nothing and workers never share one.
 */
final class Scratch {
    final long[] raw;
    final long[] work;
    final long[] key;
    /** The slot of the last hit of a generic lookup (read by the SET target's --map-set). */
    int hitSlot;

    Scratch(int fields, int words) {
        // padded so the arrays of two workers do not share a cache line
        this.raw = new long[fields + 8];
        this.work = new long[fields + 8];
        this.key = new long[words + 8];
    }
}
