package org.pkttables.conntrack.impl;

import java.net.InetAddress;

import org.pkttables.conntrack.ConntrackEntry;
import org.pkttables.conntrack.CtStatus;

/**
 * The part of a {@code conntrack} selection that looks at the reply tuple and at NAT addresses
 * (conntrack-tools 1.4.7): {@code -q/--reply-src}, {@code -r/--reply-dst}, {@code --reply-port-src},
 * {@code --reply-port-dst}; {@code --any-nat} (source or destination NAT); and the address forms
 * {@code --src-nat ADDR} (the source was translated to ADDR: the reply tuple's destination),
 * {@code --dst-nat ADDR} (the destination was translated to ADDR: the reply tuple's source) and
 * {@code --any-nat ADDR} (either), each also as {@code ADDR:PORT} (the port the tuple was translated to).
 * As conntrack-tools 1.4.7 (checked with the real tool against kernel NAT): an address form selects only
 * entries whose address really changed ({@code NFCT_GOPT_IS_SNAT/DNAT}: a DNAT that changed only the port is
 * not selected by {@code --dst-nat ADDR}), a port only entries whose port changed. Null / -1 fields mean
 * "any". Evaluated on snapshots, after the table's own filter (a command line, not a packet's path).
 */
record ReplyNatFilter(InetAddress replySrc, InetAddress replyDst, int replySport, int replyDport, boolean anyNat,
        InetAddress srcNat, InetAddress dstNat, InetAddress anyNatAddr, int srcNatPort, int dstNatPort,
        int anyNatPort) {
    static final ReplyNatFilter ALL = new ReplyNatFilter(null, null, -1, -1, false, null, null, null, -1, -1, -1);

    boolean all() {
        return equals(ALL);
    }

    boolean hasPorts() {
        return replySport >= 0 || replyDport >= 0;
    }

    boolean test(ConntrackEntry e) {
        if (replySrc != null && !replySrc.equals(e.replSrc()) || replyDst != null && !replyDst.equals(e.replDst())) {
            return false;
        }
        if (replySport >= 0 && e.replSport() != replySport || replyDport >= 0 && e.replDport() != replyDport) {
            return false;
        }
        boolean snat = e.hasStatus(CtStatus.SRC_NAT);
        boolean dnat = e.hasStatus(CtStatus.DST_NAT);
        if (anyNat && !snat && !dnat) {
            return false;
        }
        if ((srcNat != null || srcNatPort >= 0) && !sourceNatTo(e, srcNat, srcNatPort)) {
            return false;
        }
        if ((dstNat != null || dstNatPort >= 0) && !destinationNatTo(e, dstNat, dstNatPort)) {
            return false;
        }
        return anyNatAddr == null && anyNatPort < 0 || sourceNatTo(e, anyNatAddr, anyNatPort)
                || destinationNatTo(e, anyNatAddr, anyNatPort);
    }

    /** The source was translated to {@code a} (null: any) and port {@code p} (-1: any). */
    private static boolean sourceNatTo(ConntrackEntry e, InetAddress a, int p) {
        return (a == null || !e.origSrc().equals(e.replDst()) && a.equals(e.replDst()))
                && (p < 0 || e.origSport() != e.replDport() && p == e.replDport());
    }

    /** The destination was translated to {@code a} (null: any) and port {@code p} (-1: any). */
    private static boolean destinationNatTo(ConntrackEntry e, InetAddress a, int p) {
        return (a == null || !e.origDst().equals(e.replSrc()) && a.equals(e.replSrc()))
                && (p < 0 || e.origDport() != e.replSport() && p == e.replSport());
    }

    ReplyNatFilter withReplySrc(InetAddress a) {
        return new ReplyNatFilter(a, replyDst, replySport, replyDport, anyNat, srcNat, dstNat, anyNatAddr, srcNatPort,
                dstNatPort, anyNatPort);
    }

    ReplyNatFilter withReplyDst(InetAddress a) {
        return new ReplyNatFilter(replySrc, a, replySport, replyDport, anyNat, srcNat, dstNat, anyNatAddr, srcNatPort,
                dstNatPort, anyNatPort);
    }

    ReplyNatFilter withReplySport(int p) {
        return new ReplyNatFilter(replySrc, replyDst, p, replyDport, anyNat, srcNat, dstNat, anyNatAddr, srcNatPort,
                dstNatPort, anyNatPort);
    }

    ReplyNatFilter withReplyDport(int p) {
        return new ReplyNatFilter(replySrc, replyDst, replySport, p, anyNat, srcNat, dstNat, anyNatAddr, srcNatPort,
                dstNatPort, anyNatPort);
    }

    /** {@code --any-nat [ADDR[:PORT]]}: {@code a} null and {@code port} -1 without an argument. */
    ReplyNatFilter withAnyNat(InetAddress a, int port) {
        return new ReplyNatFilter(replySrc, replyDst, replySport, replyDport, true, srcNat, dstNat, a, srcNatPort,
                dstNatPort, port);
    }

    ReplyNatFilter withSrcNat(InetAddress a, int port) {
        return new ReplyNatFilter(replySrc, replyDst, replySport, replyDport, anyNat, a, dstNat, anyNatAddr, port,
                dstNatPort, anyNatPort);
    }

    ReplyNatFilter withDstNat(InetAddress a, int port) {
        return new ReplyNatFilter(replySrc, replyDst, replySport, replyDport, anyNat, srcNat, a, anyNatAddr, srcNatPort,
                port, anyNatPort);
    }
}
