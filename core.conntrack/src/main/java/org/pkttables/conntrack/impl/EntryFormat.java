package org.pkttables.conntrack.impl;

import java.net.InetAddress;

import org.pkttables.api.ext.InetText;
import org.pkttables.conntrack.ConntrackEntry;
import org.pkttables.conntrack.ConntrackEvent;
import org.pkttables.conntrack.CtStatus;

/** One entry as conntrack-tools 1.4.7 prints it (libnetfilter_conntrack's default output format). */
final class EntryFormat {
    private EntryFormat() {
    }

    static String protoName(int p) {
        switch (p) {
            case 6: return "tcp";
            case 17: return "udp";
            case 1: return "icmp";
            case 58: return "icmpv6";
            case 136: return "udplite";
            case 132: return "sctp";
            case 33: return "dccp";
            case 47: return "gre";
            default: return "unknown";
        }
    }

    static String format(ConntrackEntry e, boolean extended, boolean withId) {
        return format(e, extended, withId, false);
    }

    /** @param counters print each direction's {@code packets= bytes=} (nf_conntrack_acct on) */
    static String format(ConntrackEntry e, boolean extended, boolean withId, boolean counters) {
        StringBuilder sb = new StringBuilder(200);
        head(sb, e, extended, true, counters);
        sb.append("mark=").append(Integer.toUnsignedString(e.mark())).append(' ');
        if (e.zone() != 0) {
            sb.append("zone=").append(e.zone()).append(' ');
        }
        if (e.helper() != null) {
            sb.append("helper=").append(e.helper()).append(' ');
        }
        // libnetfilter_conntrack 1.0.9 prints use= before id= (conntrack -L -o id: "mark=0 helper=ftp use=1 id=N").
        sb.append("use=1");
        if (withId) {
            sb.append(" id=").append(e.id() & 0xffffffffL);
        }
        return sb.toString();
    }

    /**
     * One {@code conntrack -E} line as the kernel's ctnetlink events make conntrack-tools print it: the
     * type right-aligned in 9 columns; no timeout once it reached 0 (a DESTROY by expiry); the mark only
     * when set; no {@code use=} (events do not carry it). With accounting on, the kernel sends the counters
     * with DESTROY events only, so only those show {@code packets= bytes=}.
     */
    static String event(ConntrackEvent.Type type, ConntrackEntry e, boolean extended) {
        return event(type, e, extended, false);
    }

    static String event(ConntrackEvent.Type type, ConntrackEntry e, boolean extended, boolean accounting) {
        StringBuilder sb = new StringBuilder(160);
        String t = "[" + type.name() + "]";
        for (int i = t.length(); i < 9; i++) {
            sb.append(' ');
        }
        sb.append(t).append(' ');
        head(sb, e, extended, e.timeoutSeconds() > 0, accounting && type == ConntrackEvent.Type.DESTROY);
        if (e.mark() != 0) {
            sb.append("mark=").append(Integer.toUnsignedString(e.mark())).append(' ');
        }
        if (e.zone() != 0) {
            sb.append("zone=").append(e.zone()).append(' ');
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /** Everything up to the mark: layer 3 and 4 names, timeout, state, both tuples, status flags. */
    private static void head(StringBuilder sb, ConntrackEntry e, boolean extended, boolean withTimeout,
            boolean counters) {
        if (extended) {
            pad(sb, e.isIpv6() ? "ipv6" : "ipv4");
            sb.append(e.isIpv6() ? 10 : 2).append(' ');
        }
        pad(sb, protoName(e.protocol()));
        sb.append(e.protocol()).append(' ');
        if (withTimeout) {
            sb.append(e.timeoutSeconds()).append(' ');
        }
        if (e.state() != null) {
            sb.append(e.state()).append(' ');
        }
        tuple(sb, e, e.origSrc(), e.origDst(), e.origSport(), e.origDport(), false);
        if (counters) {
            sb.append("packets=").append(e.origPackets()).append(" bytes=").append(e.origBytes()).append(' ');
        }
        if (!e.hasStatus(CtStatus.SEEN_REPLY)) {
            sb.append("[UNREPLIED] ");
        }
        tuple(sb, e, e.replSrc(), e.replDst(), e.replSport(), e.replDport(), true);
        if (counters) {
            sb.append("packets=").append(e.replPackets()).append(" bytes=").append(e.replBytes()).append(' ');
        }
        if (e.hasStatus(CtStatus.ASSURED)) {
            sb.append("[ASSURED] ");
        }
    }

    private static void pad(StringBuilder sb, String s) {
        sb.append(s);
        for (int i = s.length(); i < 8; i++) {
            sb.append(' ');
        }
        sb.append(' ');
    }

    private static void tuple(StringBuilder sb, ConntrackEntry e, InetAddress s, InetAddress d, int sp, int dp,
            boolean reply) {
        sb.append("src=").append(InetText.format(s)).append(" dst=").append(InetText.format(d)).append(' ');
        int p = e.protocol();
        if (p == 1 || p == 58) {
            int type = e.icmpType();
            if (reply && IcmpTracker.requestOf(p, type) == type) {
                type = IcmpTracker.replyOf(p, type);
            }
            sb.append("type=").append(type).append(" code=").append(e.icmpCode()).append(" id=").append(sp)
                    .append(' ');
        } else if (p == 6 || p == 17 || p == 136 || p == 132 || p == 33) {
            sb.append("sport=").append(sp).append(" dport=").append(dp).append(' ');
        }
    }
}
