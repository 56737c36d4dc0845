package org.pkttables.tables.impl;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.ext.FieldConstraint;
import org.pkttables.api.ext.IndexField;
import org.pkttables.api.ext.IndexableMatch;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.StatefulMatch;

/**
 * How a {@link ChainClassifier} indexes rules (its building side; the lookup is in ChainClassifier and
 * {@link ClassifierTuple}): the indexed fields, the shape of a rule's indexable constraints (source
 * and destination prefix levels, protocol and destination port exact or not), the masks of each level,
 * and the grouping of a chain's rules into one tuple per shape. Control plane: runs when a chain is built.
 *
 * <p>A classifier indexes the addresses of one family: IPv4 ({@link #SRC}, {@link #DST}, 32 bits each)
 * or IPv6 (the first 64 bits of each address, from the words {@link #S6} and {@link #D6} onwards), chosen
 * per chain by which of them its rules constrain ({@link #v6}); the other family's constraints are then
 * left out of the shape, which only widens the candidates.
 */
final class ClassifierShapes {
    static final int SRC = 0;
    static final int DST = 1;
    static final int PROTO = 2;
    static final int SPORT = 3;
    static final int DPORT = 4;
    /** The four 32-bit words of the IPv6 source address (S6 .. S6 + 3), then of the destination. */
    static final int S6 = 5;
    static final int D6 = 9;
    static final int FIELDS = 13;
    static final int SHAPES = 4 * 4 * 2 * 2 * 2;
    /**
     * Prefix lengths the tuples use, and the level each length 0..32 rounds down to. No /32 level:
     * host rules share the /24 tuple of their network, a few more candidates per key, one third
     * fewer probes (ClassBench form, 100k rules: 2.57 → 3.96 M packets/s in one run).
     */
    private static final int[] LEVEL_LENGTH = { 0, 16, 24 };
    private static final int[] LEVEL = new int[33];
    /**
     * The same for IPv6 (lengths 0..128): the allocation (/32), site (/48) and subnet (/64) sizes; longer
     * prefixes and hosts share the /64 tuple of their subnet, as IPv4 hosts share their /24's (the tuple
     * key is the first 64 bits of each address).
     */
    private static final int[] LEVEL6_LENGTH = { 0, 32, 48, 64 };
    private static final int[] LEVEL6 = new int[129];

    static {
        levels(LEVEL_LENGTH, LEVEL);
        levels(LEVEL6_LENGTH, LEVEL6);
    }

    private static void levels(int[] lengths, int[] level) {
        for (int len = 0, q = 0; len < level.length; len++) {
            while (q + 1 < lengths.length && lengths[q + 1] <= len) {
                q++;
            }
            level[len] = q;
        }
    }

    /** Packet values that are absent (-1) land here, outside every rule's key space. */
    static final long PROTO_BITS = 0x1ffL;
    static final long PORT_BITS = 0x1ffffL;

    /**
     * Rules in the first priority band of a classifier with many tuples ({@link #bands}); later bands
     * grow by {@link #BAND_GROWTH}. Chains usually find their first candidate early (a ClassBench-form
     * packet at 100k rules within the first ~300), and without bands every probe went to tables sized
     * for the whole chain (megabytes, a cache miss each); the first band's tables stay cached.
     */
    static final int FIRST_BAND = 1024;
    static final int BAND_GROWTH = 8;
    /** {@link #FIRST_BAND}, lowered by tests so that small chains are cut into bands too. */
    static volatile int firstBand = FIRST_BAND;

    /** Filter bits per hash slot, as a power of two (8): few false hits, still small enough to stay cached. */
    static final int FILTER_BITS = 3;

    private ClassifierShapes() {
    }

    /**
     * The tuples a packet of protocol p needs: rules of protocol p and of any protocol, with the
     * protocol dropped from their shape, so shapes that differed only by it share one tuple (ClassBench
     * form: about half the probes of the full set). Rules of other protocols cannot match such a packet.
     */
    static ClassifierTuple[] split(boolean v6, int p, int[] shape, long[] ka, long[] kb, int[] proto, int[] bounds) {
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
        return tuples(v6, sh, ka, kb2, bounds);
    }

    /**
     * The rule indexes at which a chain of n rules starts a new priority band ({@link #tuples}): the
     * first band holds rules 0 .. {@link #firstBand} - 1, each later one {@link #BAND_GROWTH} times as
     * many; {@code {0}} (one band) when {@code banded} is false.
     */
    static int[] bands(int n, boolean banded) {
        final int first = firstBand;
        int count = 1;
        for (long b = first; banded && b < n; b *= BAND_GROWTH) {
            count++;
        }
        int[] bounds = new int[count];
        long b = first;
        for (int i = 1; i < count; i++, b *= BAND_GROWTH) {
            bounds[i] = (int) b;
        }
        return bounds;
    }

    /**
     * Counting sort of the rules by shape, keeping rule order within each shape; one tuple per shape and
     * priority band ({@code bounds}: the first rule index of each band, ascending, from 0). A band's
     * tuples hold only its rules, so a packet whose first candidate lies in an early band probes that
     * band's small, cache-resident tables and stops there: the lookup walks tuples sorted by their first
     * rule and stops at the first that cannot hold an earlier candidate, and every tuple of a later band
     * starts after the band's end.
     */
    static ClassifierTuple[] tuples(boolean v6, int[] shape, long[] ka, long[] kb, int[] bounds) {
        int n = shape.length;
        int[] perShape = new int[SHAPES];
        for (int i = 0; i < n; i++) {
            if (shape[i] >= 0) {
                perShape[shape[i]]++;
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
        List<ClassifierTuple> tuples = new ArrayList<>();
        for (int s = 0; s < SHAPES; s++) {
            int j = first[s];
            int band = 0;
            while (j < first[s + 1]) {
                while (band + 1 < bounds.length && members[j] >= bounds[band + 1]) {
                    band++;
                }
                int end = j;
                int limit = band + 1 < bounds.length ? bounds[band + 1] : Integer.MAX_VALUE;
                while (end < first[s + 1] && members[end] < limit) {
                    end++;
                }
                tuples.add(new ClassifierTuple(v6, s, members, j, end - j, ka, kb));
                j = end;
            }
        }
        tuples.sort((x, y) -> Integer.compare(x.minRule, y.minRule));
        return tuples.toArray(new ClassifierTuple[0]);
    }

    /**
     * Intersects the indexable constraints of one rule's matches into lo/hi (every field) and returns
     * 0, or -1 when the constraints contradict each other (the rule can never match); {@link #shape}
     * then gives its tuple shape.
     */
    static int describe(Match[] matches, long[] lo, long[] hi) {
        for (int f = 0; f < FIELDS; f++) {
            lo[f] = 0;
            hi[f] = 0xffffffffL;
        }
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
        return 0;
    }

    /** The tuple shape of a rule whose constraints {@link #describe} put in lo/hi, for a classifier of v6 or IPv4. */
    static int shape(boolean v6, long[] lo, long[] hi) {
        int sq = v6 ? LEVEL6[prefixLength6(lo, hi, S6)] : LEVEL[prefixLength(lo[SRC], hi[SRC], 32)];
        int dq = v6 ? LEVEL6[prefixLength6(lo, hi, D6)] : LEVEL[prefixLength(lo[DST], hi[DST], 32)];
        int pq = lo[PROTO] == hi[PROTO] ? 1 : 0;
        // Source ports are not indexed: rules rarely pin one, and each shape dimension doubles the
        // tuples a lookup may have to probe (measured: 2x tuples, no fewer candidates on ClassBench).
        int spq = 0;
        int dpq = lo[DPORT] == hi[DPORT] ? 1 : 0;
        return (((sq * 4 + dq) * 2 + pq) * 2 + spq) * 2 + dpq;
    }

    /** The tuple key's address part of a rule of that shape: (masked src) << 32 | (masked dst), or the IPv6 mix. */
    static long addressKey(boolean v6, int shape, long[] lo) {
        if (v6) {
            return mix6(first64(lo, S6) & addrMask(true, shape / 32), first64(lo, D6) & addrMask(true, (shape / 8) % 4));
        }
        return (lo[SRC] & addrMask(false, shape / 32)) << 32 | (lo[DST] & addrMask(false, (shape / 8) % 4));
    }

    /**
     * The address part of an IPv6 key: source and destination (each the first 64 bits, masked) in one
     * long. Many pairs share a value, so two rules' keys may collide: both are then candidates for the
     * packets of either, which the full match sorts out; a packet whose masked addresses equal a rule's
     * always gets the rule's value, so no candidate is lost.
     */
    static long mix6(long src, long dst) {
        return src * 0xD6E8FEB86659FD93L + dst;
    }

    /** Whether a rule's constraints pin an IPv6 (true) or IPv4 (false) address; neither: neither. */
    static boolean hasV6(long[] lo, long[] hi) {
        for (int f = S6; f < FIELDS; f++) {
            if (lo[f] != 0 || hi[f] != 0xffffffffL) {
                return true;
            }
        }
        return false;
    }

    static boolean hasV4(long[] lo, long[] hi) {
        return lo[SRC] != 0 || hi[SRC] != 0xffffffffL || lo[DST] != 0 || hi[DST] != 0xffffffffL;
    }

    private static long first64(long[] lo, int at) {
        return lo[at] << 32 | lo[at + 1];
    }

    /** Prefix length shared by every address in the word ranges from {@code at}: whole words, then the first partial one. */
    private static int prefixLength6(long[] lo, long[] hi, int at) {
        int len = 0;
        for (int k = 0; k < 4; k++) {
            int w = prefixLength(lo[at + k], hi[at + k], 32);
            len += w;
            if (w < 32) {
                break;
            }
        }
        return len;
    }

    static int field(IndexField f) {
        switch (f) {
            case IPV4_SRC: return SRC;
            case IPV4_DST: return DST;
            case L4_PROTO: return PROTO;
            case L4_SPORT: return SPORT;
            case L4_DPORT: return DPORT;
            case IPV6_SRC0: return S6;
            case IPV6_SRC1: return S6 + 1;
            case IPV6_SRC2: return S6 + 2;
            case IPV6_SRC3: return S6 + 3;
            case IPV6_DST0: return D6;
            case IPV6_DST1: return D6 + 1;
            case IPV6_DST2: return D6 + 2;
            case IPV6_DST3: return D6 + 3;
            default: throw new IllegalArgumentException("unknown index field " + f);
        }
    }

    /** Length of the longest prefix shared by every value of [lo, hi] in a field of {@code bits}. */
    static int prefixLength(long lo, long hi, int bits) {
        return bits - (64 - Long.numberOfLeadingZeros(lo ^ hi));
    }

    /**
     * Mask of a prefix level: LEVEL_LENGTH[q] leading ones of 32 bits, or for IPv6 LEVEL6_LENGTH[q]
     * leading ones of the 64 bits the key holds of each address.
     */
    static long addrMask(boolean v6, int q) {
        if (v6) {
            return q == 0 ? 0 : -1L << (64 - LEVEL6_LENGTH[q]);
        }
        return q == 0 ? 0 : (0xffffffffL << (32 - LEVEL_LENGTH[q])) & 0xffffffffL;
    }
}
