package org.pkttables.tables.impl;

import java.util.Arrays;
import java.util.List;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.FieldConstraint;
import org.pkttables.api.ext.IndexField;
import org.pkttables.api.ext.IndexableMatch;
import org.pkttables.api.ext.Match;

/**
 * The compiled index of one chain: answers "the first rule at or after index {@code from} whose
 * indexable constraints admit this packet", so {@link TableState#run} visits only those candidates and
 * still runs every candidate's matches in full. First match wins, non-terminal targets, jumps, gotos,
 * returns and counters therefore keep exactly the linear semantics: a rule is skipped only when one of
 * its necessary conditions ({@link IndexableMatch}) fails for the packet.
 *
 * <p>The structure is a priority-sorted tuple space (as Open vSwitch's classifier): every rule is put in
 * the tuple of the shape of its constraints (source and destination prefix lengths rounded down to
 * 0/16/24/32, protocol given or not, destination port exact or not) under the key of its masked values.
 * A lookup hashes the packet's masked fields once per tuple, so its cost depends on the number of
 * tuples (at most 48 by construction), not on the number of rules; tuples are sorted by their first
 * rule, so the walk stops at the first tuple that cannot hold an earlier candidate, and a small bit
 * filter per tuple answers most "nothing here" probes from cache. Rounding a prefix down or
 * treating a port range as "any" only widens the candidate set, which the full match then narrows.
 * Rules without indexable constraints sit in the all-wildcard tuple and are candidates for every packet.
 *
 * <p>Immutable and built once per chain version (when a transaction freezes a changed chain); the
 * lookup allocates nothing and takes no lock.
 */
final class ChainClassifier {
    /** Below this many rules the linear walk is as fast, and building costs memory for nothing. */
    static final int MIN_RULES = 16;

    private static final int SRC = 0;
    private static final int DST = 1;
    private static final int PROTO = 2;
    private static final int SPORT = 3;
    private static final int DPORT = 4;
    private static final int FIELDS = 5;
    private static final int SHAPES = 4 * 4 * 2 * 2 * 2;
    /** Prefix lengths the tuples use, and the level each length 0..32 rounds down to. */
    private static final int[] LEVEL_LENGTH = { 0, 16, 24, 32 };
    private static final int[] LEVEL = new int[33];

    static {
        for (int len = 0, q = 0; len <= 32; len++) {
            while (q + 1 < LEVEL_LENGTH.length && LEVEL_LENGTH[q + 1] <= len) {
                q++;
            }
            LEVEL[len] = q;
        }
    }
    /** Packet values that are absent (-1) land here, outside every rule's key space. */
    private static final long PROTO_BITS = 0x1ffL;
    private static final long PORT_BITS = 0x1ffffL;

    /** Filter bits per hash slot, as a power of two (8): few false hits, still small enough to stay cached. */
    private static final int FILTER_BITS = 3;

    private final int size;
    private final Tuple[] tuples;

    private ChainClassifier(int size, Tuple[] tuples) {
        this.size = size;
        this.tuples = tuples;
    }

    /** The classifier for a chain, or null when the chain is better walked linearly. */
    static ChainClassifier build(RuleEntry[] rules) {
        int n = rules.length;
        if (n < MIN_RULES) {
            return null;
        }
        long[] lo = new long[FIELDS];
        long[] hi = new long[FIELDS];
        int[] shape = new int[n];
        long[] ka = new long[n];
        long[] kb = new long[n];
        int[] perShape = new int[SHAPES];
        for (int i = 0; i < n; i++) {
            shape[i] = describe(rules[i].matches, lo, hi);
            if (shape[i] < 0) {
                continue;
            }
            int s = shape[i];
            ka[i] = (lo[SRC] & addrMask(s / 32)) << 32 | (lo[DST] & addrMask((s / 8) % 4));
            kb[i] = ((s & 4) != 0 ? lo[PROTO] << 34 : 0) | ((s & 2) != 0 ? lo[SPORT] << 17 : 0)
                    | ((s & 1) != 0 ? lo[DPORT] : 0);
            perShape[s]++;
        }
        int count = 0;
        for (int c : perShape) {
            count += c > 0 ? 1 : 0;
        }
        // Many shapes for few rules: probing every tuple would cost more than the walk it saves.
        if (count * 4 > n) {
            return null;
        }
        // Counting sort of the rules by shape, keeping rule order within each shape.
        int[] first = new int[SHAPES + 1];
        for (int s = 0; s < SHAPES; s++) {
            first[s + 1] = first[s] + perShape[s];
        }
        int[] members = new int[first[SHAPES]];
        int[] fill = first.clone();
        for (int i = 0; i < n; i++) {
            if (shape[i] >= 0) {
                members[fill[shape[i]]++] = i;
            }
        }
        Tuple[] tuples = new Tuple[count];
        int t = 0;
        for (int s = 0; s < SHAPES; s++) {
            if (perShape[s] > 0) {
                tuples[t++] = new Tuple(s, members, first[s], perShape[s], ka, kb);
            }
        }
        Arrays.sort(tuples, (x, y) -> Integer.compare(x.minRule, y.minRule));
        return new ChainClassifier(n, tuples);
    }

    /**
     * Intersects the indexable constraints of one rule's matches into lo/hi and returns the rule's
     * tuple shape, or -1 when the constraints contradict each other (the rule can never match).
     */
    private static int describe(Match[] matches, long[] lo, long[] hi) {
        lo[SRC] = lo[DST] = lo[PROTO] = lo[SPORT] = lo[DPORT] = 0;
        hi[SRC] = hi[DST] = 0xffffffffL;
        hi[PROTO] = 0xff;
        hi[SPORT] = hi[DPORT] = 0xffff;
        for (Match m : matches) {
            if (!(m instanceof IndexableMatch)) {
                continue;
            }
            List<FieldConstraint> cs = ((IndexableMatch) m).constraints();
            for (int k = 0; k < cs.size(); k++) {
                FieldConstraint c = cs.get(k);
                int f = field(c.field());
                lo[f] = Math.max(lo[f], c.lo());
                hi[f] = Math.min(hi[f], c.hi());
                if (lo[f] > hi[f]) {
                    return -1;
                }
            }
        }
        int sq = LEVEL[prefixLength(lo[SRC], hi[SRC], 32)];
        int dq = LEVEL[prefixLength(lo[DST], hi[DST], 32)];
        int pq = lo[PROTO] == hi[PROTO] ? 1 : 0;
        // Source ports are not indexed: rules rarely pin one, and each shape dimension doubles the
        // tuples a lookup may have to probe (measured: 2x tuples, no fewer candidates on ClassBench).
        int spq = 0;
        int dpq = lo[DPORT] == hi[DPORT] ? 1 : 0;
        return (((sq * 4 + dq) * 2 + pq) * 2 + spq) * 2 + dpq;
    }

    private static int field(IndexField f) {
        switch (f) {
            case IPV4_SRC: return SRC;
            case IPV4_DST: return DST;
            case L4_PROTO: return PROTO;
            case L4_SPORT: return SPORT;
            case L4_DPORT: return DPORT;
            default: throw new IllegalArgumentException("unknown index field " + f);
        }
    }

    /** Length of the longest prefix shared by every value of [lo, hi] in a field of {@code bits}. */
    private static int prefixLength(long lo, long hi, int bits) {
        return bits - (64 - Long.numberOfLeadingZeros(lo ^ hi));
    }

    /** Mask of a prefix level: LEVEL_LENGTH[q] leading ones of 32 bits. */
    private static long addrMask(int q) {
        return q == 0 ? 0 : (0xffffffffL << (32 - LEVEL_LENGTH[q])) & 0xffffffffL;
    }

    /**
     * Hot path: the first rule index ≥ {@code from} that may match {@code p}, or the chain's size
     * when none. Fields are read afresh on every call: a target may have rewritten the packet.
     */
    int next(PacketContext p, int from) {
        final int l3 = p.l3Offset();
        final long src = l3 >= 0 ? p.u32(l3 + 12) : -1L;
        final long dst = l3 >= 0 ? p.u32(l3 + 16) : -1L;
        final int l4 = p.l4Offset();
        final long proto = p.l4Proto() & PROTO_BITS;
        final long sport = (l4 >= 0 ? p.u16(l4) : -1) & PORT_BITS;
        final long dport = (l4 >= 0 ? p.u16(l4 + 2) : -1) & PORT_BITS;
        final Tuple[] ts = tuples;
        int best = size;
        for (int i = 0; i < ts.length; i++) {
            final Tuple t = ts[i];
            if (t.minRule >= best) {
                break; // sorted by first rule: no later tuple can hold an earlier candidate
            }
            if (t.maxRule < from) {
                continue;
            }
            final long a = (src & t.srcMask) << 32 | (dst & t.dstMask);
            final long b = (proto & t.protoMask) << 34 | (sport & t.sportMask) << 17 | (dport & t.dportMask);
            final long h = hash(a, b);
            final int f = (int) (h >>> t.filterShift);
            if ((t.filter[f >>> 6] & (1L << f)) == 0) {
                continue; // most tuples hold nothing for the packet: one cached word says so
            }
            int c = t.next(h, a, b, from, best);
            if (c < best) {
                best = c;
            }
        }
        return best;
    }

    private static long hash(long a, long b) {
        return (a * 0x9E3779B97F4A7C15L + b) * 0xC2B2AE3D27D4EB4FL;
    }

    int tupleCount() {
        return tuples.length;
    }

    /** Approximate heap bytes of the index (for the memory-per-rule figure). */
    long bytes() {
        long b = 16 + 16 + 4L * tuples.length;
        for (Tuple t : tuples) {
            b += t.bytes();
        }
        return b;
    }

    /** One shape of constraints: an open-addressing hash of keys to the sorted rule indexes having them. */
    private static final class Tuple {
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

        Tuple(int shape, int[] members, int off, int m, long[] ka, long[] kb) {
            srcMask = addrMask(shape / 32);
            dstMask = addrMask((shape / 8) % 4);
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
    }
}
