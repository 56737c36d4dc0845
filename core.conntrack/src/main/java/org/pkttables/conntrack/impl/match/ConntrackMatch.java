package org.pkttables.conntrack.impl.match;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Match;
import org.pkttables.conntrack.impl.CtView;

/**
 * Compiled conntrack match, in the order of xt_conntrack's conntrack_mt: state first; without an entry
 * only a state test can match; then direction, tuple, protocol, status, expiry. The reply tuple is the
 * entry's own (a NATed connection's differs from the inverted original one).
 */
final class ConntrackMatch implements Match {
    private final boolean hasState;
    private final int stateMask;
    private final boolean stateInv;
    private final int proto;
    private final boolean protoInv;
    private final AddressMask[] addr = new AddressMask[4];
    private final boolean[] addrInv = new boolean[4];
    private final int[] portLo = new int[4];
    private final int[] portHi = new int[4];
    private final boolean[] hasPort = new boolean[4];
    private final boolean[] portInv = new boolean[4];
    private final boolean hasStatus;
    private final int statusMask;
    private final boolean statusInv;
    private final boolean hasExpire;
    private final long expMin;
    private final long expMax;
    private final boolean expInv;
    private final int dir; // -1 any, 0 original, 1 reply

    ConntrackMatch(Args a) {
        hasState = a.has(ConntrackMatchType.CTSTATE);
        stateMask = a.getOr(ConntrackMatchType.CTSTATE, 0);
        stateInv = a.inverted(ConntrackMatchType.CTSTATE);
        proto = a.getOr(ConntrackMatchType.CTPROTO, -1);
        protoInv = a.inverted(ConntrackMatchType.CTPROTO);
        var ap = java.util.List.of(ConntrackMatchType.ORIGSRC, ConntrackMatchType.ORIGDST, ConntrackMatchType.REPLSRC,
                ConntrackMatchType.REPLDST);
        for (int i = 0; i < 4; i++) {
            addr[i] = a.get(ap.get(i));
            addrInv[i] = a.inverted(ap.get(i));
        }
        var pp = java.util.List.of(ConntrackMatchType.ORIGSRCPORT, ConntrackMatchType.ORIGDSTPORT,
                ConntrackMatchType.REPLSRCPORT, ConntrackMatchType.REPLDSTPORT);
        for (int i = 0; i < 4; i++) {
            CtPortRange r = a.get(pp.get(i));
            hasPort[i] = r != null;
            portLo[i] = r == null ? 0 : r.lo();
            portHi[i] = r == null ? 65535 : r.hi();
            portInv[i] = a.inverted(pp.get(i));
        }
        hasStatus = a.has(ConntrackMatchType.CTSTATUS);
        statusMask = a.getOr(ConntrackMatchType.CTSTATUS, 0);
        statusInv = a.inverted(ConntrackMatchType.CTSTATUS);
        hasExpire = a.has(ConntrackMatchType.CTEXPIRE);
        ExpireRange e = a.get(ConntrackMatchType.CTEXPIRE);
        expMin = e == null ? 0 : e.min();
        expMax = e == null ? 0 : e.max();
        expInv = a.inverted(ConntrackMatchType.CTEXPIRE);
        Boolean d = a.get(ConntrackMatchType.CTDIR);
        dir = d == null ? -1 : d ? 1 : 0;
    }

    @Override
    public boolean matches(PacketContext p) {
        if (hasState && ((States.bit(p) & stateMask) != 0) == stateInv) {
            return false;
        }
        CtView c = CtView.liveOf(p);
        if (c == null) {
            return hasState; // no entry: only a state test can have matched (INVALID / UNTRACKED)
        }
        if (dir >= 0 && (c.isReply() ? 1 : 0) != dir) {
            return false;
        }
        if (!addr(0, c.origSrcHi(), c.origSrcLo()) || !addr(1, c.origDstHi(), c.origDstLo())
                || !addr(2, c.srcAddrHi(true), c.srcAddr(true)) || !addr(3, c.dstAddrHi(true), c.dstAddr(true))) {
            return false;
        }
        if (proto >= 0 && (c.protocol() == proto) == protoInv) {
            return false;
        }
        if ((hasPort[0] || hasPort[1] || hasPort[2] || hasPort[3]) && !ports(c)) {
            return false;
        }
        if (hasStatus && ((c.status() & statusMask) != 0) == statusInv) {
            return false;
        }
        if (hasExpire) {
            long left = c.expiresSeconds();
            if ((left >= expMin && left <= expMax) == expInv) {
                return false;
            }
        }
        return true;
    }

    private boolean addr(int i, long hi, long lo) {
        AddressMask m = addr[i];
        return m == null || m.matches(hi, lo) != addrInv[i];
    }

    private boolean ports(CtView c) {
        int pr = c.protocol();
        if (pr != 6 && pr != 17 && pr != 132 && pr != 33 && pr != 136) {
            return false; // ports only mean something for port-based protocols
        }
        return port(0, c.origSport()) && port(1, c.origDport()) && port(2, c.srcPort(true))
                && port(3, c.dstPort(true));
    }

    private boolean port(int i, int v) {
        return !hasPort[i] || (v >= portLo[i] && v <= portHi[i]) != portInv[i];
    }
}
