package org.pkttables.tables.impl;

import static org.pkttables.tables.impl.ClassifierShapes.D6;
import static org.pkttables.tables.impl.ClassifierShapes.DPORT;
import static org.pkttables.tables.impl.ClassifierShapes.DST;
import static org.pkttables.tables.impl.ClassifierShapes.FIELDS;
import static org.pkttables.tables.impl.ClassifierShapes.PORT_BITS;
import static org.pkttables.tables.impl.ClassifierShapes.PROTO;
import static org.pkttables.tables.impl.ClassifierShapes.PROTO_BITS;
import static org.pkttables.tables.impl.ClassifierShapes.S6;
import static org.pkttables.tables.impl.ClassifierShapes.SHAPES;
import static org.pkttables.tables.impl.ClassifierShapes.SPORT;
import static org.pkttables.tables.impl.ClassifierShapes.SRC;
import static org.pkttables.tables.impl.ClassifierShapes.addressKey;
import static org.pkttables.tables.impl.ClassifierShapes.bands;
import static org.pkttables.tables.impl.ClassifierShapes.describe;
import static org.pkttables.tables.impl.ClassifierShapes.hasV4;
import static org.pkttables.tables.impl.ClassifierShapes.hasV6;
import static org.pkttables.tables.impl.ClassifierShapes.mix6;
import static org.pkttables.tables.impl.ClassifierShapes.shape;
import static org.pkttables.tables.impl.ClassifierShapes.tuples;

import java.util.Arrays;

import org.pkttables.api.PacketContext;

/**
 * The compiled index of one chain: answers "the first rule at or after index {@code from} whose
 * indexable constraints admit this packet", so {@link TableState#run} visits only those candidates and
 * still runs every candidate's matches in full. First match wins, non-terminal targets, jumps, gotos,
 * returns and counters therefore keep exactly the linear semantics: a rule is skipped only when one of
 * its necessary conditions ({@link IndexableMatch}) fails for the packet.
 *
 * <p>The structure is a priority-sorted tuple space (as Open vSwitch's classifier): every rule is put in
 * the tuple of the shape of its constraints (source and destination prefix lengths rounded down to
 * 0/16/24, or for an IPv6 chain to 0/32/48/64, protocol given or not, destination port exact or not)
 * under the key of its masked values.
 * A lookup hashes the packet's masked fields once per tuple, so its cost depends on the number of
 * tuples (at most 36 shapes by construction, 64 for IPv6), not on the number of rules; tuples are sorted by their first
 * rule, so the walk stops at the first tuple that cannot hold an earlier candidate, and a small bit
 * filter per tuple answers most "nothing here" probes from cache. In a chain of more than
 * {@link #SPLIT_MIN} shapes each shape's rules are also cut into priority bands (the first 1,024 rules,
 * then 8 times as many each; {@link ClassifierShapes#bands}), one tuple per shape and band: a packet
 * whose first candidate lies in an early band probes only that band's small tables, which stay in
 * cache, and the walk stops before the later bands' large ones. Rounding a prefix down or
 * treating a port range as "any" only widens the candidate set, which the full match then narrows.
 * Rules without indexable constraints sit in the all-wildcard tuple and are candidates for every packet.
 *
 * <p>Immutable and built when a transaction freezes a changed chain; the lookup allocates nothing and
 * takes no lock. Single-rule edits do not rebuild it: {@link #edited} shares the tuples and records the
 * edits in a small patch (deleted base rules, inserted rules with their constraint boxes), so one
 * insert into a 100k-rule chain costs microseconds; every {@link #MAX_PATCH} edits the patch is
 * folded in by a rebuild.
 *
 * <p>By concern: this class holds a classifier's state, builds it from a chain, applies edits and
 * answers lookups ({@link #next}, the packet path); {@link ClassifierShapes} says how a rule's
 * constraints become a shape and key and groups rules into tuples; {@link ClassifierTuple} is one
 * tuple's hash; {@link ClassifierPatch} collects the edits of an edited chain.
 */
final class ChainClassifier {
    /** Below this many rules the linear walk is as fast, and building costs memory for nothing. */
    static final int MIN_RULES = 16;

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

    /** Whether the tuples index IPv6 addresses (the first 64 bits of each), else IPv4 ones. */
    private final boolean v6;
    /** Rules in the chain this classifier answers for. */
    private final int size;
    /** Rules of the chain the tuples were built from; equal to size until the chain is edited. */
    private final int baseSize;
    private final ClassifierTuple[] tuples;
    /** The tuples for TCP and UDP packets (see {@link #split}); the same as tuples in small sets. */
    private final ClassifierTuple[] tcp;
    private final ClassifierTuple[] udp;
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

    private ChainClassifier(boolean v6, int size, int baseSize, ClassifierTuple[] tuples, ClassifierTuple[] tcp,
            ClassifierTuple[] udp, int[] del, int[] ins, long[] box) {
        this(v6, size, baseSize, tuples, tcp, udp, del, ins, box, null, null, 0);
    }

    private ChainClassifier(boolean v6, int size, int baseSize, ClassifierTuple[] tuples, ClassifierTuple[] tcp,
            ClassifierTuple[] udp, int[] del, int[] ins, long[] box, Rebuild rebuild, Edit log, int logged) {
        this.v6 = v6;
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
        ClassifierPatch p = new ClassifierPatch(del, ins, box, removes, adds);
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
            return new ChainClassifier(v6, rules.length, baseSize, tuples, tcp, udp, null, null, null, rb, l, count);
        }
        // The patch's arrays are sized for the edits: usually exact, then handed over without a copy.
        return new ChainClassifier(v6, rules.length, baseSize, tuples, tcp, udp, exact(p.del, p.nd), exact(p.ins, p.ni),
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
        for (Edit x = current.log; x != null; x = x.older()) {
            i--;
            kinds[i] = x.kind();
            positions[i] = x.position();
            added[i] = x.rule();
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
    private record Edit(int kind, int position, RuleEntry rule, Edit older) {
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
        int[] shape6 = new int[n];
        long[] ka = new long[n];
        long[] ka6 = new long[n];
        long[] kb = new long[n];
        int[] proto = new int[n];
        int v4Rules = 0;
        int v6Rules = 0;
        // Both families' shapes and keys in one pass; the family more rules pin addresses of wins.
        for (int i = 0; i < n; i++) {
            if (describe(rules[i].matches, lo, hi) < 0) {
                shape[i] = shape6[i] = -1;
                continue;
            }
            v4Rules += hasV4(lo, hi) ? 1 : 0;
            v6Rules += hasV6(lo, hi) ? 1 : 0;
            int s = shape(false, lo, hi);
            int s6 = shape(true, lo, hi);
            shape[i] = s;
            shape6[i] = s6;
            ka[i] = addressKey(false, s, lo);
            ka6[i] = addressKey(true, s6, lo);
            kb[i] = ((s & 4) != 0 ? lo[PROTO] << 34 : 0) | ((s & 2) != 0 ? lo[SPORT] << 17 : 0)
                    | ((s & 1) != 0 ? lo[DPORT] : 0);
            proto[i] = (int) lo[PROTO];
        }
        boolean v6 = v6Rules > v4Rules;
        if (v6) {
            shape = shape6;
            ka = ka6;
        }
        int[] perShape = new int[SHAPES];
        for (int i = 0; i < n; i++) {
            if (shape[i] >= 0) {
                perShape[shape[i]]++;
            }
        }
        int count = 0;
        for (int c : perShape) {
            count += c > 0 ? 1 : 0;
        }
        // Many shapes for few rules: probing every tuple would cost more than the walk it saves.
        if (count * 4 > n) {
            return null;
        }
        if (count <= SPLIT_MIN) {
            return new ChainClassifier(v6, n, n, tuples(v6, shape, ka, kb, bands(n, false)), null, null, null, null, null);
        }
        // Many shapes: each also cut into priority bands, so early candidates are found in small tables.
        int[] bounds = bands(n, true);
        return new ChainClassifier(v6, n, n, tuples(v6, shape, ka, kb, bounds),
                ClassifierShapes.split(v6, 6, shape, ka, kb, proto, bounds),
                ClassifierShapes.split(v6, 17, shape, ka, kb, proto, bounds), null, null, null);
    }

    /**
     * Hot path: the first rule index ≥ {@code from} that may match {@code p}, or the chain's size
     * when none. Fields are read afresh on every call: a target may have rewritten the packet.
     */
    int next(PacketContext p, int from) {
        if (v6) {
            return next6(p, from);
        }
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
        return patched(src, dst, proto, sport, dport, from);
    }

    /**
     * {@link #next} of an IPv6 classifier (its own method, so the IPv4 path stays as small as it was):
     * the first 64 bits of each address; without the whole 40-byte header no address rule matches, so
     * any value does (-1 also tells the patch's boxes that the addresses are absent).
     */
    private int next6(PacketContext p, int from) {
        final int l3 = p.l3Offset();
        final boolean whole = l3 >= 0 && p.has(l3, 40);
        final long src = whole ? p.u32(l3 + 8) << 32 | p.u32(l3 + 12) : -1L;
        final long dst = whole ? p.u32(l3 + 24) << 32 | p.u32(l3 + 28) : -1L;
        final int l4 = p.l4Offset();
        final long proto = p.l4Proto() & PROTO_BITS;
        final long sport = (l4 >= 0 ? p.u16(l4) : -1) & PORT_BITS;
        final long dport = (l4 >= 0 ? p.u16(l4 + 2) : -1) & PORT_BITS;
        if (ins == null) {
            return probe6(src, dst, proto, sport, dport, from);
        }
        return patched(src, dst, proto, sport, dport, from);
    }

    /**
     * {@link #next} of an edited chain: map the position into the tuples' numbering, skip deleted rules,
     * map back, and let an earlier inserted rule whose box admits the packet win.
     */
    private int patched(long src, long dst, long proto, long sport, long dport, int from) {
        final int ci = countBelow(ins, from);
        final int x = from - ci;
        int bc = probeAny(src, dst, proto, sport, dport, x + countAtMost(delAdj, x));
        while (bc < baseSize && Arrays.binarySearch(del, bc) >= 0) {
            bc = probeAny(src, dst, proto, sport, dport, bc + 1);
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
            if ((v6 ? within6(src, bx, o + S6) && within6(dst, bx, o + D6)
                    : within(src, bx[o + SRC], bx[o + FIELDS + SRC], -1L)
                            && within(dst, bx[o + DST], bx[o + FIELDS + DST], -1L))
                    && within(proto, bx[o + PROTO], bx[o + FIELDS + PROTO], PROTO_BITS)
                    && within(sport, bx[o + SPORT], bx[o + FIELDS + SPORT], PORT_BITS)
                    && within(dport, bx[o + DPORT], bx[o + FIELDS + DPORT], PORT_BITS)) {
                return in[j];
            }
        }
        return cur;
    }

    private int probeAny(long src, long dst, long proto, long sport, long dport, int from) {
        return v6 ? probe6(src, dst, proto, sport, dport, from) : probe(src, dst, proto, sport, dport, from);
    }

    /** v in [lo, hi], or v absent from the packet (then the full match decides). */
    private static boolean within(long v, long lo, long hi, long absent) {
        return v == absent || (v >= lo && v <= hi);
    }

    /**
     * The first 64 bits of an IPv6 address (or -1: absent) in the box's ranges of its first two words,
     * from {@code at}; the last two words are left to the full match.
     */
    private static boolean within6(long a, long[] bx, int at) {
        return a == -1L || (within(a >>> 32, bx[at], bx[at + FIELDS], -1L)
                && within(a & 0xffffffffL, bx[at + 1], bx[at + 1 + FIELDS], -1L));
    }

    /** How many of the sorted values are below v. */
    private static int countBelow(int[] a, int v) {
        return countBelow(a, a.length, v);
    }

    /** How many of the first n sorted values are below v. */
    static int countBelow(int[] a, int n, int v) {
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
        final ClassifierTuple[] ts = proto == 6 ? tcp : proto == 17 ? udp : tuples;
        int best = baseSize;
        for (int i = 0; i < ts.length; i++) {
            final ClassifierTuple t = ts[i];
            if (t.minRule >= best) {
                break; // sorted by first rule: no later tuple can hold an earlier candidate
            }
            if (t.maxRule < from) {
                continue;
            }
            final long a = (src & t.srcMask) << 32 | (dst & t.dstMask);
            final long b = (proto & t.protoMask) << 34 | (sport & t.sportMask) << 17 | (dport & t.dportMask);
            final long h = ClassifierTuple.hash(a, b);
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

    /** {@link #probe} of an IPv6 classifier: src and dst are the first 64 bits of each address. */
    private int probe6(long src, long dst, long proto, long sport, long dport, int from) {
        final ClassifierTuple[] ts = proto == 6 ? tcp : proto == 17 ? udp : tuples;
        int best = baseSize;
        for (int i = 0; i < ts.length; i++) {
            final ClassifierTuple t = ts[i];
            if (t.minRule >= best) {
                break; // sorted by first rule: no later tuple can hold an earlier candidate
            }
            if (t.maxRule < from) {
                continue;
            }
            final long a = mix6(src & t.srcMask, dst & t.dstMask);
            final long b = (proto & t.protoMask) << 34 | (sport & t.sportMask) << 17 | (dport & t.dportMask);
            final long h = ClassifierTuple.hash(a, b);
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

    /** Whether edits are kept beside the tuples (for tests). */
    boolean patched() {
        return ins != null;
    }

    /** Whether the tuples index IPv6 addresses (for tests). */
    boolean v6() {
        return v6;
    }

    /** Whether some shape's rules are spread over several priority bands (for tests). */
    boolean banded() {
        boolean[] seen = new boolean[SHAPES];
        for (ClassifierTuple t : tuples) {
            if (seen[t.shape]) {
                return true;
            }
            seen[t.shape] = true;
        }
        return false;
    }

    /** Whether TCP and UDP packets have their own tuple sets (for tests). */
    boolean split() {
        return tcp != tuples;
    }

    int tupleCount() {
        return tuples.length;
    }

    /** Approximate heap bytes of the index (for the memory-per-rule figure). */
    private static long bytes(ClassifierTuple[] set) {
        long b = 0;
        for (ClassifierTuple t : set) {
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
}
