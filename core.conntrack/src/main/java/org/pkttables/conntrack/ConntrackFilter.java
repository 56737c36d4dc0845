package org.pkttables.conntrack;

import java.net.InetAddress;

/**
 * Which entries {@code list}, {@code delete} and {@code flush} act on, as conntrack-tools' filter options.
 * Null / -1 fields mean "any". Evaluated directly on the table's arrays, so flushing a million entries
 * builds no objects. Addresses match either the original source ({@code src}) or destination
 * ({@code dst}) of the original direction, as {@code conntrack -s/-d} do.
 */
public record ConntrackFilter(int family, int protocol, InetAddress src, InetAddress dst, int sport, int dport,
        String state, int statusSet, int statusUnset, int mark) {
    public static final ConntrackFilter ALL = new ConntrackFilter(0, -1, null, null, -1, -1, null, 0, 0, -1);

    public ConntrackFilter withFamily(int f) {
        return new ConntrackFilter(f, protocol, src, dst, sport, dport, state, statusSet, statusUnset, mark);
    }

    public ConntrackFilter withProtocol(int p) {
        return new ConntrackFilter(family, p, src, dst, sport, dport, state, statusSet, statusUnset, mark);
    }

    public ConntrackFilter withSrc(InetAddress a) {
        return new ConntrackFilter(family, protocol, a, dst, sport, dport, state, statusSet, statusUnset, mark);
    }

    public ConntrackFilter withDst(InetAddress a) {
        return new ConntrackFilter(family, protocol, src, a, sport, dport, state, statusSet, statusUnset, mark);
    }

    public ConntrackFilter withSport(int p) {
        return new ConntrackFilter(family, protocol, src, dst, p, dport, state, statusSet, statusUnset, mark);
    }

    public ConntrackFilter withDport(int p) {
        return new ConntrackFilter(family, protocol, src, dst, sport, p, state, statusSet, statusUnset, mark);
    }

    /** Protocol state name such as ESTABLISHED (TCP only, as conntrack --state). */
    public ConntrackFilter withState(String s) {
        return new ConntrackFilter(family, protocol, src, dst, sport, dport, s, statusSet, statusUnset, mark);
    }

    /** Status bits that must be set ({@code set}) and that must be clear ({@code unset}): UNREPLIED is unset SEEN_REPLY. */
    public ConntrackFilter withStatus(int set, int unset) {
        return new ConntrackFilter(family, protocol, src, dst, sport, dport, state, set, unset, mark);
    }

    public ConntrackFilter withMark(int m) {
        return new ConntrackFilter(family, protocol, src, dst, sport, dport, state, statusSet, statusUnset, m);
    }
}
