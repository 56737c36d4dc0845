package org.pkttables.conntrack.log;

import java.time.Instant;

import org.pkttables.api.ext.InetText;
import org.pkttables.conntrack.ConntrackEntry;
import org.pkttables.conntrack.CtStatus;

/**
 * One ended connection as a JSON line, with ulogd2's NFCT field names ({@code orig.ip.saddr},
 * {@code orig.raw.pktcount} …) so log pipelines built for ulogd's JSON output read it unchanged.
 */
final class SessionLine {
    private SessionLine() {
    }

    static String json(ConntrackEntry e, long endMillis) {
        StringBuilder sb = new StringBuilder(384);
        sb.append("{\"timestamp\":\"").append(Instant.ofEpochMilli(endMillis)).append('"');
        sb.append(",\"ct.event\":\"DESTROY\"");
        num(sb, "ct.id", e.id());
        num(sb, "oob.family", e.isIpv6() ? 10 : 2);
        num(sb, "orig.ip.protocol", e.protocol());
        str(sb, "orig.ip.saddr", InetText.format(e.origSrc()));
        str(sb, "orig.ip.daddr", InetText.format(e.origDst()));
        if (e.protocol() == 1 || e.protocol() == 58) {
            num(sb, "icmp.type", e.icmpType());
            num(sb, "icmp.code", e.icmpCode());
            num(sb, "icmp.id", e.origSport());
        } else {
            num(sb, "orig.l4.sport", e.origSport());
            num(sb, "orig.l4.dport", e.origDport());
        }
        num(sb, "orig.raw.pktcount", e.origPackets());
        num(sb, "orig.raw.pktlen", e.origBytes());
        str(sb, "reply.ip.saddr", InetText.format(e.replSrc()));
        str(sb, "reply.ip.daddr", InetText.format(e.replDst()));
        if (e.protocol() != 1 && e.protocol() != 58) {
            num(sb, "reply.l4.sport", e.replSport());
            num(sb, "reply.l4.dport", e.replDport());
        }
        num(sb, "reply.raw.pktcount", e.replPackets());
        num(sb, "reply.raw.pktlen", e.replBytes());
        num(sb, "ct.mark", e.mark() & 0xffffffffL);
        if (e.state() != null) {
            str(sb, "ct.state", e.state());
        }
        sb.append(",\"ct.assured\":").append(e.hasStatus(CtStatus.ASSURED));
        sb.append(",\"ct.replied\":").append(e.hasStatus(CtStatus.SEEN_REPLY));
        return sb.append('}').toString();
    }

    private static void num(StringBuilder sb, String k, long v) {
        sb.append(",\"").append(k).append("\":").append(v);
    }

    /** Values here are addresses and state names: no character needs escaping, but stay safe. */
    private static void str(StringBuilder sb, String k, String v) {
        sb.append(",\"").append(k).append("\":\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
