package org.pkttables.conntrack.impl;

import java.util.function.Predicate;

import org.pkttables.conntrack.ConntrackFilter;

/** A selection of entries evaluated on the table's arrays (called with the bucket's lock held). */
@FunctionalInterface
interface FilterMatcher {
    boolean test(ConntrackTable t, int slot, long now);

    FilterMatcher EXPIRED = (t, s, now) -> t.left(s, now) <= 0;

    /** Compiles a filter once: addresses to longs, state name to number. */
    static FilterMatcher of(ConntrackFilter f) {
        int family = f.family();
        int proto = f.protocol();
        long[] src = f.src() == null ? null : Snapshots.words(f.src());
        boolean srcV6 = f.src() != null && f.src().getAddress().length == 16;
        long[] dst = f.dst() == null ? null : Snapshots.words(f.dst());
        boolean dstV6 = f.dst() != null && f.dst().getAddress().length == 16;
        int sport = f.sport();
        int dport = f.dport();
        int state = f.state() == null ? -1 : TcpStates.of(f.state());
        int set = f.statusSet();
        int unset = f.statusUnset();
        int mark = f.mark();
        return (t, s, now) -> {
            int m = t.meta(s);
            boolean v6 = (m & (1 << 24)) != 0;
            int p = (m >>> 16) & 0xff;
            if (family != 0 && family != (v6 ? 6 : 4)) {
                return false;
            }
            if (proto >= 0 && proto != p) {
                return false;
            }
            if (src != null && (v6 != srcV6 || t.sHi(s) != src[0] || t.sLo(s) != src[1])) {
                return false;
            }
            if (dst != null && (v6 != dstV6 || t.dHi(s) != dst[0] || t.dLo(s) != dst[1])) {
                return false;
            }
            if (sport >= 0 && (t.ports(s) >>> 16) != sport) {
                return false;
            }
            if (dport >= 0 && (t.ports(s) & 0xffff) != dport) {
                return false;
            }
            if (state >= 0 && (p != 6 || t.protoState[s] != state)) {
                return false;
            }
            int st = t.status(s);
            if ((st & set) != set || (st & unset) != 0) {
                return false;
            }
            return mark < 0 || t.mark(s) == mark;
        };
    }

    /** A predicate on snapshots (general but slower: one snapshot per entry). */
    static FilterMatcher of(Predicate<org.pkttables.conntrack.ConntrackEntry> p, ConntrackEvents e) {
        return (t, s, now) -> p.test(e.snapshot(s, now));
    }

}
