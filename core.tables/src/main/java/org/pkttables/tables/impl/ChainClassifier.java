package org.pkttables.tables.impl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.FieldConstraint;
import org.pkttables.api.ext.IndexField;
import org.pkttables.api.ext.IndexableMatch;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.StatefulMatch;

/**
 * The compiled index of one chain: answers "the first rule at or after index {@code from} whose
 * indexable constraints admit this packet", so {@link TableState#run} visits only those candidates and
 * still runs every candidate's matches in full. First match wins, non-terminal targets, jumps, gotos,
 * returns and counters therefore keep exactly the linear semantics: a rule is skipped only when one of
 * its necessary conditions ({@link IndexableMatch}) fails for the packet.
 *
 * <p>The structure is a priority-sorted tuple space (as Open vSwitch's classifier): every rule is put in
 * the tuple of the shape of its constraints (source and destination prefix lengths rounded down to
 * 0/16/24, protocol given or not, destination port exact or not) under the key of its masked values.
 * A lookup hashes the packet's masked fields once per tuple, so its cost depends on the number of
 * tuples (at most 36 by construction), not on the number of rules; tuples are sorted by their first
 * rule, so the walk stops at the first tuple that cannot hold an earlier candidate, and a small bit
 * filter per tuple answers most "nothing here" probes from cache. Rounding a prefix down or
 * treating a port range as "any" only widens the candidate set, which the full match then narrows.
 * Rules without indexable constraints sit in the all-wildcard tuple and are candidates for every packet.
 *
 * <p>Immutable and built when a transaction freezes a changed chain; the lookup allocates nothing and
 * takes no lock. Single-rule edits do not rebuild it: {@link #edited} shares the tuples and records the
 * edits in a small patch (deleted base rules, inserted rules with their constraint boxes), so one
 * insert into a 100k-rule chain costs microseconds; every {@link #MAX_PATCH} edits the patch is
 * folded in by a rebuild.
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
    private static final long PROTO_BITS = 0x1ffL;
    private static final long PORT_BITS = 0x1ffffL;

    /** Filter bits per hash slot, as a power of two (8): few false hits, still small enough to stay cached. */
    private static final int FILTER_BITS = 3;

    /**
     * Most rules an edited classifier keeps outside its tuples (inserted plus deleted) before the next
     * edit rebuilds it: each costs a few nanoseconds per lookup that reaches it, a rebuild of a 100k-rule
     * chain tens of milliseconds, so a rebuild is paid at most once per this many single-rule edits.
     */
    static final int MAX_PATCH = 64;
    /**
     * The patch size at which an edit rebuilds inline after all: only reached when background rebuilds
     * fall far behind (or none runs), and keeps the lookup's scan of inserted rules bounded.
     */
    static final int HARD_PATCH = 2048;
    /** Patch size that asks for a background rebuild; {@link #MAX_PATCH}, lowered by tests to exercise it. */
    static volatile int patchLimit = MAX_PATCH;
    /** Above this many tuples, TCP and UDP packets get their own tuple sets (one pass more to build). */
    private static final int SPLIT_MIN = 8;

    /** Rules in the chain this classifier answers for. */
    private final int size;
    /** Rules of the chain the tuples were built from; equal to size until the chain is edited. */
    private final int baseSize;
    private final Tuple[] tuples;
    /** The tuples for TCP and UDP packets (see {@link #split}); the same as tuples in small sets. */
    private final Tuple[] tcp;
    private final Tuple[] udp;
    /**
     * The patch of an edited chain, null when the tuples are exact: base indexes of deleted rules
     * (sorted) and current positions of inserted rules (sorted), each with its index minus its rank,
     * which turns mapping a position between base and current numbering into two binary searches; and
     * per inserted rule the box of its indexable constraints (lo, hi per field), tested directly.
     */
    private final int[] del;
    private final int[] delAdj;
    private final int[] ins;
    private final int[] insAdj;
    private final long[] box;
    /**
     * The background rebuild this classifier's lineage waits for, or null: it builds exact tuples for
     * {@link Rebuild#rules}, and {@link #log} holds the edits made since that array (newest first,
     * {@link #logged} of them), which are replayed onto the new tuples when they are swapped in.
     */
    final Rebuild rebuild;
    private final Edit log;
    private final int logged;

    private ChainClassifier(int size, int baseSize, Tuple[] tuples, Tuple[] tcp, Tuple[] udp, int[] del, int[] ins,
            long[] box) {
        this(size, baseSize, tuples, tcp, udp, del, ins, box, null, null, 0);
    }

    private ChainClassifier(int size, int baseSize, Tuple[] tuples, Tuple[] tcp, Tuple[] udp, int[] del, int[] ins,
            long[] box, Rebuild rebuild, Edit log, int logged) {
        this.rebuild = rebuild;
        this.log = log;
        this.logged = logged;
        this.size = size;
        this.baseSize = baseSize;
        this.tuples = tuples;
        this.tcp = tcp == null ? tuples : tcp;
        this.udp = udp == null ? tuples : udp;
        this.del = del;
        this.ins = ins;
        this.box = box;
        this.delAdj = del == null ? null : minusRank(del);
        this.insAdj = ins == null ? null : minusRank(ins);
    }

    private static int[] minusRank(int[] a) {
        int[] r = new int[a.length];
        for (int j = 0; j < a.length; j++) {
            r[j] = a[j] - j;
        }
        return r;
    }

    /**
     * This classifier after the logged edits that turned its chain into {@code rules}: the tuples are
     * shared and the edits go into the patch (work bounded by the patch size, not the chain). A patch
     * above {@link #patchLimit} asks for a background rebuild ({@link #rebuild}, started by the core
     * after the commit) and goes on serving meanwhile; only a patch above {@link #HARD_PATCH} is folded
     * in here, by a rebuild.
     */
    ChainClassifier edited(EditedRules e, RuleEntry[] rules) {
        int n = e.edits();
        if (n == 0) {
            return this;
        }
        int[] kinds = new int[n];
        int[] positions = new int[n];
        RuleEntry[] added = new RuleEntry[n];
        for (int i = 0; i < n; i++) {
            kinds[i] = e.kind(i);
            positions[i] = e.position(i);
            added[i] = e.rule(i);
        }
        Edit l = log;
        int count = logged;
        if (rebuild != null) {
            for (int i = 0; i < n; i++) {
                l = new Edit(kinds[i], positions[i], added[i], l);
            }
            count += n;
        }
        return apply(kinds, positions, added, rules, rebuild, l, count);
    }

    /**
     * Applies edits (oldest first) to this classifier's patch; the result answers for {@code rules} and
     * carries the given rebuild and log, or a new rebuild of {@code rules} when the patch outgrew
     * {@link #patchLimit} and none is pending.
     */
    private ChainClassifier apply(int[] kinds, int[] positions, RuleEntry[] added, RuleEntry[] rules, Rebuild rb,
            Edit l, int count) {
        int adds = 0;
        int removes = 0;
        for (int kind : kinds) {
            adds += kind == EditedRules.REMOVE ? 0 : 1;
            removes += kind == EditedRules.INSERT ? 0 : 1;
        }
        Patch p = new Patch(del, ins, box, removes, adds);
        for (int i = 0; i < kinds.length; i++) {
            int k = positions[i];
            int kind = kinds[i];
            if (kind == EditedRules.REMOVE || kind == EditedRules.SET) {
                p.remove(k);
            }
            if (kind == EditedRules.INSERT || kind == EditedRules.SET) {
                p.insert(k, added[i]);
            }
            if (p.nd + p.ni > HARD_PATCH) {
                return build(rules);
            }
        }
        if (baseSize - p.nd + p.ni != rules.length) {
            throw new IllegalStateException("classifier patch out of step: " + baseSize + " - " + p.nd
                    + " + " + p.ni + " != " + rules.length);
        }
        if (rb == null && p.nd + p.ni > patchLimit) {
            rb = new Rebuild(rules);
            l = null;
            count = 0;
        }
        if (p.nd == 0 && p.ni == 0) {
            return new ChainClassifier(rules.length, baseSize, tuples, tcp, udp, null, null, null, rb, l, count);
        }
        // The patch's arrays are sized for the edits: usually exact, then handed over without a copy.
        return new ChainClassifier(rules.length, baseSize, tuples, tcp, udp, exact(p.del, p.nd), exact(p.ins, p.ni),
                p.box.length == p.ni * 2 * FIELDS ? p.box : Arrays.copyOf(p.box, p.ni * 2 * FIELDS), rb, l, count);
    }

    private static int[] exact(int[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    /**
     * The result of a background rebuild: {@code fresh}, the exact classifier of {@link #rebuild}'s
     * rules (null: that chain is better walked linearly), brought up to {@code current}'s rules by
     * replaying the edits logged since. Returns null when the chain should then be walked linearly.
     */
    static ChainClassifier rebased(ChainClassifier fresh, ChainClassifier current, RuleEntry[] rules) {
        if (fresh == null) {
            return null;
        }
        int n = current.logged;
        int[] kinds = new int[n];
        int[] positions = new int[n];
        RuleEntry[] added = new RuleEntry[n];
        int i = n;
        for (Edit x = current.log; x != null; x = x.older) {
            i--;
            kinds[i] = x.kind;
            positions[i] = x.position;
            added[i] = x.rule;
        }
        return fresh.apply(kinds, positions, added, rules, null, null, 0);
    }

    /** How many edits were logged since the rebuild's array (for the core's catch-up loop). */
    int logged() {
        return logged;
    }

    /** A pending background rebuild: the chain's rules when it was asked for. */
    static final class Rebuild {
        final RuleEntry[] rules;
        /** Set by the core (under its writer lock) once the rebuild is handed to its executor. */
        boolean started;

        Rebuild(RuleEntry[] rules) {
            this.rules = rules;
        }
    }

    /** One logged edit, linked to the one before it (immutable, so classifiers share their logs). */
    private static final class Edit {
        final int kind;
        final int position;
        final RuleEntry rule;
        final Edit older;

        Edit(int kind, int position, RuleEntry rule, Edit older) {
            this.kind = kind;
            this.position = position;
            this.rule = rule;
            this.older = older;
        }
    }

    /**
     * The patch being edited: sorted base indexes of deleted rules, sorted current positions of
     * inserted rules with their boxes (lo, hi per field). Primitive arrays: a patch may hold thousands
     * of edits while a background rebuild runs, and each edit costs a pass over it.
     */
    private static final class Patch {
        int[] del;
        int nd;
        int[] ins;
        int ni;
        long[] box;

        Patch(int[] del, int[] ins, long[] box, int removes, int adds) {
            int d = del == null ? 0 : del.length;
            int n = ins == null ? 0 : ins.length;
            this.del = new int[d + removes];
            this.ins = new int[n + adds];
            this.box = new long[(n + adds) * 2 * FIELDS];
            if (del != null) {
                System.arraycopy(del, 0, this.del, 0, d);
                System.arraycopy(ins, 0, this.ins, 0, n);
                System.arraycopy(box, 0, this.box, 0, n * 2 * FIELDS);
            }
            nd = d;
            ni = n;
        }

        /** The rule at current position k leaves; later inserted rules move up by one. */
        void remove(int k) {
            int at = countBelow(ins, ni, k);
            if (at < ni && ins[at] == k) {
                System.arraycopy(ins, at + 1, ins, at, ni - at - 1);
                System.arraycopy(box, (at + 1) * 2 * FIELDS, box, at * 2 * FIELDS, (ni - at - 1) * 2 * FIELDS);
                ni--;
            } else {
                // The (k - at)-th surviving base rule: step over the deleted ones at or before it.
                int b = k - at;
                int j = 0;
                while (j < nd && del[j] <= b) {
                    b++;
                    j++;
                }
                System.arraycopy(del, j, del, j + 1, nd - j);
                del[j] = b;
                nd++;
            }
            for (int j = countBelow(ins, ni, k + 1); j < ni; j++) {
                ins[j]--;
            }
        }

        /** Rule r enters at current position k; inserted rules at or after k move down by one. */
        void insert(int k, RuleEntry r) {
            int at = countBelow(ins, ni, k);
            for (int j = at; j < ni; j++) {
                ins[j]++;
            }
            System.arraycopy(ins, at, ins, at + 1, ni - at);
            System.arraycopy(box, at * 2 * FIELDS, box, (at + 1) * 2 * FIELDS, (ni - at) * 2 * FIELDS);
            ins[at] = k;
            int o = at * 2 * FIELDS;
            long[] lo = new long[FIELDS];
            long[] hi = new long[FIELDS];
            if (describe(r.matches, lo, hi) < 0) {
                // Can never match; a candidate for every packet is merely slower, and stays exact.
                Arrays.fill(box, o, o + FIELDS, 0L);
                Arrays.fill(box, o + FIELDS, o + 2 * FIELDS, Long.MAX_VALUE);
            } else {
                System.arraycopy(lo, 0, box, o, FIELDS);
                System.arraycopy(hi, 0, box, o + FIELDS, FIELDS);
            }
            ni++;
        }
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
        int[] proto = new int[n];
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
            proto[i] = (int) lo[PROTO];
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
        Tuple[] all = tuples(shape, ka, kb);
        if (all.length <= SPLIT_MIN) {
            return new ChainClassifier(n, n, all, null, null, null, null, null);
        }
        return new ChainClassifier(n, n, all, split(6, shape, ka, kb, proto), split(17, shape, ka, kb, proto), null, null,
                null);
    }

    /**
     * The tuples a packet of protocol p needs: rules of protocol p and of any protocol, with the
     * protocol dropped from their shape, so shapes that differed only by it share one tuple (ClassBench
     * form: about half the probes of the full set). Rules of other protocols cannot match such a packet.
     */
    private static Tuple[] split(int p, int[] shape, long[] ka, long[] kb, int[] proto) {
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
    private static Tuple[] tuples(int[] shape, long[] ka, long[] kb) {
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
        Tuple[] tuples = new Tuple[count];
        int t = 0;
        for (int s = 0; s < SHAPES; s++) {
            if (perShape[s] > 0) {
                tuples[t++] = new Tuple(s, members, first[s], perShape[s], ka, kb);
            }
        }
        Arrays.sort(tuples, (x, y) -> Integer.compare(x.minRule, y.minRule));
        return tuples;
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
        if (ins == null) {
            return probe(src, dst, proto, sport, dport, from);
        }
        // Edited chain: map the position into the tuples' numbering, skip deleted rules, map back, and
        // let an earlier inserted rule whose box admits the packet win.
        final int ci = countBelow(ins, from);
        final int x = from - ci;
        int bc = probe(src, dst, proto, sport, dport, x + countAtMost(delAdj, x));
        while (bc < baseSize && Arrays.binarySearch(del, bc) >= 0) {
            bc = probe(src, dst, proto, sport, dport, bc + 1);
        }
        int cur = size;
        if (bc < baseSize) {
            final int rank = bc - countBelow(del, bc);
            cur = rank + countAtMost(insAdj, rank);
        }
        final int[] in = ins;
        final long[] bx = box;
        for (int j = ci; j < in.length && in[j] < cur; j++) {
            final int o = j * 2 * FIELDS;
            if (within(src, bx[o + SRC], bx[o + FIELDS + SRC], -1L)
                    && within(dst, bx[o + DST], bx[o + FIELDS + DST], -1L)
                    && within(proto, bx[o + PROTO], bx[o + FIELDS + PROTO], PROTO_BITS)
                    && within(sport, bx[o + SPORT], bx[o + FIELDS + SPORT], PORT_BITS)
                    && within(dport, bx[o + DPORT], bx[o + FIELDS + DPORT], PORT_BITS)) {
                return in[j];
            }
        }
        return cur;
    }

    /** v in [lo, hi], or v absent from the packet (then the full match decides). */
    private static boolean within(long v, long lo, long hi, long absent) {
        return v == absent || (v >= lo && v <= hi);
    }

    /** How many of the sorted values are below v. */
    private static int countBelow(int[] a, int v) {
        return countBelow(a, a.length, v);
    }

    /** How many of the first n sorted values are below v. */
    private static int countBelow(int[] a, int n, int v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How many of the sorted values are at most v. */
    private static int countAtMost(int[] a, int v) {
        return countBelow(a, v + 1);
    }

    /** The first rule of the tuples' numbering ≥ {@code from} whose key the packet's fields hit. */
    private int probe(long src, long dst, long proto, long sport, long dport, int from) {
        final Tuple[] ts = proto == 6 ? tcp : proto == 17 ? udp : tuples;
        int best = baseSize;
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

    /** Whether edits are kept beside the tuples (for tests). */
    boolean patched() {
        return ins != null;
    }

    /** Whether TCP and UDP packets have their own tuple sets (for tests). */
    boolean split() {
        return tcp != tuples;
    }

    int tupleCount() {
        return tuples.length;
    }

    /** Approximate heap bytes of the index (for the memory-per-rule figure). */
    private static long bytes(Tuple[] set) {
        long b = 0;
        for (Tuple t : set) {
            b += t.bytes();
        }
        return b;
    }

    long bytes() {
        long b = 16 + 16 + 4L * tuples.length;
        if (ins != null) {
            b += 16L * 5 + 8L * (del.length + ins.length) + 8L * box.length;
        }
        b += bytes(tuples);
        b += tcp != tuples ? 16 + 4L * tcp.length + bytes(tcp) : 0;
        b += udp != tuples ? 16 + 4L * udp.length + bytes(udp) : 0;
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
