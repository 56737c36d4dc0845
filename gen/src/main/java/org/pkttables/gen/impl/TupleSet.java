package org.pkttables.gen.impl;

/**
 * The tuples already handed out, so no two flows of a run share addresses and ports (conntrack would
 * take the second for the first). Open addressing over 64-bit keys, sized once at the start.
 */
final class TupleSet {
    private final long[] keys;
    private final int mask;
    private int size;

    TupleSet(long expected) {
        int cap = Integer.highestOneBit((int) Math.min(Math.max(expected * 2, 16), 1 << 26) - 1) << 1;
        keys = new long[cap];
        mask = cap - 1;
    }

    /** Adds {@code key}; false when it was there already (or the set is full: then anything goes). */
    boolean add(long key) {
        if (key == 0) {
            key = 1;
        }
        if (size * 2 >= keys.length) {
            return true;
        }
        int i = (int) (mix(key) & mask);
        while (keys[i] != 0) {
            if (keys[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        size++;
        return true;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
