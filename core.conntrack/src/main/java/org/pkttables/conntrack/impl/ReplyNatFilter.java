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
 * {@code --any-nat ADDR} (either). Null / -1 fields mean "any". Evaluated on snapshots, after the table's
 * own filter (a command line, not a packet's path).
 */
record ReplyNatFilter(InetAddress replySrc, InetAddress replyDst, int replySport, int replyDport, boolean anyNat,
        InetAddress srcNat, InetAddress dstNat, InetAddress anyNatAddr) {
    static final ReplyNatFilter ALL = new ReplyNatFilter(null, null, -1, -1, false, null, null, null);

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
        if (srcNat != null && !(snat && srcNat.equals(e.replDst()))) {
            return false;
        }
        if (dstNat != null && !(dnat && dstNat.equals(e.replSrc()))) {
            return false;
        }
        return anyNatAddr == null || snat && anyNatAddr.equals(e.replDst()) || dnat && anyNatAddr.equals(e.replSrc());
    }

    ReplyNatFilter withReplySrc(InetAddress a) {
        return new ReplyNatFilter(a, replyDst, replySport, replyDport, anyNat, srcNat, dstNat, anyNatAddr);
    }

    ReplyNatFilter withReplyDst(InetAddress a) {
        return new ReplyNatFilter(replySrc, a, replySport, replyDport, anyNat, srcNat, dstNat, anyNatAddr);
    }

    ReplyNatFilter withReplySport(int p) {
        return new ReplyNatFilter(replySrc, replyDst, p, replyDport, anyNat, srcNat, dstNat, anyNatAddr);
    }

    ReplyNatFilter withReplyDport(int p) {
        return new ReplyNatFilter(replySrc, replyDst, replySport, p, anyNat, srcNat, dstNat, anyNatAddr);
    }

    ReplyNatFilter withAnyNat(InetAddress a) {
        return new ReplyNatFilter(replySrc, replyDst, replySport, replyDport, true, srcNat, dstNat, a);
    }

    ReplyNatFilter withSrcNat(InetAddress a) {
        return new ReplyNatFilter(replySrc, replyDst, replySport, replyDport, anyNat, a, dstNat, anyNatAddr);
    }

    ReplyNatFilter withDstNat(InetAddress a) {
        return new ReplyNatFilter(replySrc, replyDst, replySport, replyDport, anyNat, srcNat, a, anyNatAddr);
    }
}
