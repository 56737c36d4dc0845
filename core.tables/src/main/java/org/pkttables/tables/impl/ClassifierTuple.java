package org.pkttables.tables.impl;

import static org.pkttables.tables.impl.ClassifierShapes.FILTER_BITS;
import static org.pkttables.tables.impl.ClassifierShapes.PORT_BITS;
import static org.pkttables.tables.impl.ClassifierShapes.PROTO_BITS;
import static org.pkttables.tables.impl.ClassifierShapes.addrMask;

/**
 * One tuple of a {@link ChainClassifier}: the rules of one constraint shape (in one priority band), as an open-addressing hash
 * of their masked keys to the sorted rule indexes having them, with a bit filter in front. Built once
 * per classifier ({@link ClassifierShapes#tuples}); {@link #next} is on the packet path.
 */
final class ClassifierTuple {
    /** The constraint shape of its rules ({@link ClassifierShapes#shape}). */
    final int shape;
    final long srcMask;
    final long dstMask;
    final long protoMask;
    final long sportMask;
    final long dportMask;
    final int minRule;
    final int maxRule;
    /** Keys, two longs per slot. */
    final long[] keys;
    /** Per slot: start in {@link #rules} and count; count 0 marks an empty slot. */
    final int[] spans;
    final int[] rules;
    final int slotMask;
    /**
     * One bit per value of the hash's top {@code slotBits + 3} bits, set for every key present: a
     * compact first test that turns most probes of a tuple that holds nothing for the packet into
     * one cached word read instead of a miss in the larger key array.
     */
    final long[] filter;
    final int slotShift;
    final int filterShift;

    ClassifierTuple(boolean v6, int shape, int[] members, int off, int m, long[] ka, long[] kb) {
        this.shape = shape;
        srcMask = addrMask(v6, shape / 32);
        dstMask = addrMask(v6, (shape / 8) % 4);
        protoMask = (shape & 4) != 0 ? PROTO_BITS : 0;
        sportMask = (shape & 2) != 0 ? PORT_BITS : 0;
        dportMask = (shape & 1) != 0 ? PORT_BITS : 0;
        minRule = members[off];
        maxRule = members[off + m - 1];
        int cap = Integer.highestOneBit(Math.max(2, m * 2 - 1)) << 1;
        slotMask = cap - 1;
        int bits = Integer.numberOfTrailingZeros(cap);
        slotShift = 64 - bits;
        filterShift = 64 - (bits + FILTER_BITS);
        filter = new long[Math.max(1, (cap << FILTER_BITS) >>> 6)];
        keys = new long[cap * 2];
        spans = new int[cap * 2];
        int[] slotOf = new int[m];
        // Pass 1: find each member's slot and count the members per slot.
        for (int j = 0; j < m; j++) {
            int r = members[off + j];
            int s = slot(ka[r], kb[r]);
            while (spans[s * 2 + 1] != 0 && (keys[s * 2] != ka[r] || keys[s * 2 + 1] != kb[r])) {
                s = (s + 1) & slotMask;
            }
            keys[s * 2] = ka[r];
            keys[s * 2 + 1] = kb[r];
            int f = (int) (hash(ka[r], kb[r]) >>> filterShift);
            filter[f >>> 6] |= 1L << f;
            spans[s * 2 + 1]++;
            slotOf[j] = s;
        }
        int at = 0;
        for (int s = 0; s < cap; s++) {
            spans[s * 2] = at;
            at += spans[s * 2 + 1];
        }
        // Pass 2: members in rule order, so every slot's list comes out sorted.
        rules = new int[m];
        int[] fill = new int[cap];
        for (int j = 0; j < m; j++) {
            int s = slotOf[j];
            rules[spans[s * 2] + fill[s]++] = members[off + j];
        }
    }

    private int slot(long a, long b) {
        return (int) (hash(a, b) >>> slotShift);
    }

    /** The first rule ≥ from under key (a, b) of hash h, or {@code none} when there is none before it. */
    int next(long h, long a, long b, int from, int none) {
        int s = (int) (h >>> slotShift);
        final long[] k = keys;
        while (true) {
            int len = spans[s * 2 + 1];
            if (len == 0) {
                return none;
            }
            if (k[s * 2] == a && k[s * 2 + 1] == b) {
                int lo = spans[s * 2];
                int hi = lo + len;
                final int[] r = rules;
                if (len <= 8) {
                    for (int i = lo; i < hi; i++) {
                        if (r[i] >= from) {
                            return r[i];
                        }
                    }
                    return none;
                }
                // First index whose rule is ≥ from.
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (r[mid] < from) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                return lo < spans[s * 2] + len ? r[lo] : none;
            }
            s = (s + 1) & slotMask;
        }
    }

    long bytes() {
        return 80 + 16 + 8L * keys.length + 16 + 4L * spans.length + 16 + 4L * rules.length + 16 + 8L * filter.length;
    }

    /** The key hash of tuple lookups (two multiplicative rounds). */
    static long hash(long a, long b) {
        return (a * 0x9E3779B97F4A7C15L + b) * 0xC2B2AE3D27D4EB4FL;
    }
}
