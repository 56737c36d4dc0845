package org.pkttables.tables.impl;

import java.util.Arrays;
import java.util.List;

import org.pkttables.api.ext.FieldConstraint;
import org.pkttables.api.ext.IndexField;
import org.pkttables.api.ext.IndexableMatch;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.StatefulMatch;

/**
 * How a {@link ChainClassifier} indexes rules (its building side; the lookup is in ChainClassifier and
 * {@link ClassifierTuple}): the five indexed fields, the shape of a rule's indexable constraints (source
 * and destination prefix levels, protocol and destination port exact or not), the masks of each level,
 * and the grouping of a chain's rules into one tuple per shape. Control plane: runs when a chain is built.
 */
final class ClassifierShapes {
    static final int SRC = 0;
    static final int DST = 1;
    static final int PROTO = 2;
    static final int SPORT = 3;
    static final int DPORT = 4;
    static final int FIELDS = 5;
    static final int SHAPES = 4 * 4 * 2 * 2 * 2;
    /**
     * Prefix lengths the tuples use, and the level each length 0..32 rounds down to. No /32 level:
     * host rules share the /24 tuple of their network, a few more candidates per key, one third
     * fewer probes (ClassBench form, 100k rules: 2.57 → 3.96 M packets/s in one run).
     */
    private static final int[] LEVEL_LENGTH = { 0, 16, 24 };
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
    static final long PROTO_BITS = 0x1ffL;
    static final long PORT_BITS = 0x1ffffL;

    /** Filter bits per hash slot, as a power of two (8): few false hits, still small enough to stay cached. */
    static final int FILTER_BITS = 3;

    private ClassifierShapes() {
    }

    /**
     * The tuples a packet of protocol p needs: rules of protocol p and of any protocol, with the
     * protocol dropped from their shape, so shapes that differed only by it share one tuple (ClassBench
     * form: about half the probes of the full set). Rules of other protocols cannot match such a packet.
     */
    static ClassifierTuple[] split(int p, int[] shape, long[] ka, long[] kb, int[] proto) {
        int n = shape.length;
        int[] sh = new int[n];
        long[] kb2 = new long[n];
        for (int i = 0; i < n; i++) {
            int s = shape[i];
            if (s < 0 || ((s & 4) != 0 && proto[i] != p)) {
                sh[i] = -1;
            } else {
                sh[i] = s & ~4;
                kb2[i] = kb[i] & ~(PROTO_BITS << 34);
            }
        }
        return tuples(sh, ka, kb2);
    }

    /** Counting sort of the rules by shape, keeping rule order within each shape; one tuple per shape. */
    static ClassifierTuple[] tuples(int[] shape, long[] ka, long[] kb) {
        int n = shape.length;
        int[] perShape = new int[SHAPES];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (shape[i] >= 0 && perShape[shape[i]]++ == 0) {
                count++;
            }
        }
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
        ClassifierTuple[] tuples = new ClassifierTuple[count];
        int t = 0;
        for (int s = 0; s < SHAPES; s++) {
            if (perShape[s] > 0) {
                tuples[t++] = new ClassifierTuple(s, members, first[s], perShape[s], ka, kb);
            }
        }
        Arrays.sort(tuples, (x, y) -> Integer.compare(x.minRule, y.minRule));
        return tuples;
    }

    /**
     * Intersects the indexable constraints of one rule's matches into lo/hi and returns the rule's
     * tuple shape, or -1 when the constraints contradict each other (the rule can never match).
     */
    static int describe(Match[] matches, long[] lo, long[] hi) {
        lo[SRC] = lo[DST] = lo[PROTO] = lo[SPORT] = lo[DPORT] = 0;
        hi[SRC] = hi[DST] = 0xffffffffL;
        hi[PROTO] = 0xff;
        hi[SPORT] = hi[DPORT] = 0xffff;
        for (Match m : matches) {
            if (m instanceof StatefulMatch || m.mayHotdrop()) {
                // the kernel runs it whatever the later matches say (and a hotdrop does not need its own
                // conditions): neither may rule the rule out
                break;
            }
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

    static int field(IndexField f) {
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
    static int prefixLength(long lo, long hi, int bits) {
        return bits - (64 - Long.numberOfLeadingZeros(lo ^ hi));
    }

    /** Mask of a prefix level: LEVEL_LENGTH[q] leading ones of 32 bits. */
    static long addrMask(int q) {
        return q == 0 ? 0 : (0xffffffffL << (32 - LEVEL_LENGTH[q])) & 0xffffffffL;
    }
}
