package org.pkttables.route.impl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * An immutable longest-prefix-match table: one open-addressing hash table of primitive keys per prefix
 * length present, probed from the longest length down. A lookup costs one probe per distinct length
 * (a handful in a real table), allocates nothing and takes no lock; the table is rebuilt on change
 * (routing tables change rarely and are small next to the packet rate).
 *
 * @param <V> the value of a prefix (the routes of that prefix, or a local address)
 */
final class PrefixTable<V> {
    /** One prefix length: keys already masked to it. */
    private static final class Level {
        final int length;
        final long maskHi;
        final long maskLo;
        final long[] keyHi;
        final long[] keyLo;
        final Object[] values;
        final int slots;

        Level(int length, int count) {
            this.length = length;
            this.maskHi = Bits.maskHi(length);
            this.maskLo = Bits.maskLo(length);
            int cap = Integer.highestOneBit(Math.max(4, count * 2 - 1)) << 1; // load <= 1/2
            this.keyHi = new long[cap];
            this.keyLo = new long[cap];
            this.values = new Object[cap];
            this.slots = cap - 1;
        }

        void put(long hi, long lo, Object v) {
            int i = index(hi, lo);
            while (values[i] != null) {
                i = (i + 1) & slots;
            }
            keyHi[i] = hi;
            keyLo[i] = lo;
            values[i] = v;
        }

        Object get(long hi, long lo) {
            long h = hi & maskHi;
            long l = lo & maskLo;
            int i = index(h, l);
            Object v;
            while ((v = values[i]) != null) {
                if (keyHi[i] == h && keyLo[i] == l) {
                    return v;
                }
                i = (i + 1) & slots;
            }
            return null;
        }

        private int index(long hi, long lo) {
            long x = (hi * 0x9E3779B97F4A7C15L) ^ (lo * 0xC2B2AE3D27D4EB4FL) ^ length;
            x ^= x >>> 29;
            return (int) (x ^ (x >>> 32)) & slots;
        }
    }

    /** A prefix and its value, as the table is built from. */
    record Entry<V>(long hi, long lo, int length, V value) {
    }

    private final Level[] levels; // longest first

    PrefixTable(List<Entry<V>> entries) {
        TreeMap<Integer, List<Entry<V>>> byLength = new TreeMap<>((a, b) -> Integer.compare(b, a));
        for (Entry<V> e : entries) {
            byLength.computeIfAbsent(e.length(), k -> new ArrayList<>()).add(e);
        }
        List<Level> ls = new ArrayList<>();
        for (var le : byLength.entrySet()) {
            Level l = new Level(le.getKey(), le.getValue().size());
            for (Entry<V> e : le.getValue()) {
                l.put(e.hi() & l.maskHi, e.lo() & l.maskLo, e.value());
            }
            ls.add(l);
        }
        this.levels = ls.toArray(new Level[0]);
    }

    /** The value of the longest prefix covering the address, or {@code null}. */
    @SuppressWarnings("unchecked")
    V longest(long hi, long lo) {
        Level[] ls = levels;
        for (int i = 0; i < ls.length; i++) {
            Object v = ls[i].get(hi, lo);
            if (v != null) {
                return (V) v;
            }
        }
        return null;
    }

    /** The number of prefix lengths present, for walking them with {@link #at}. */
    int depth() {
        return levels.length;
    }

    /** The value of the prefix of the {@code level}-th longest length covering the address, or {@code null}. */
    @SuppressWarnings("unchecked")
    V at(int level, long hi, long lo) {
        return (V) levels[level].get(hi, lo);
    }

    @Override
    public String toString() {
        int[] lens = new int[levels.length];
        for (int i = 0; i < lens.length; i++) {
            lens[i] = levels[i].length;
        }
        return "PrefixTable" + Arrays.toString(lens);
    }
}
