package org.pkttables.conntrack.log;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

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

    static String json(ConntrackEntry e, long endMillis) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("timestamp", Instant.ofEpochMilli(endMillis).toString());
        m.put("ct.event", "DESTROY");
        m.put("ct.id", e.id());
        m.put("oob.family", e.isIpv6() ? 10 : 2);
        m.put("orig.ip.protocol", e.protocol());
        m.put("orig.ip.saddr", InetText.format(e.origSrc()));
        m.put("orig.ip.daddr", InetText.format(e.origDst()));
        boolean icmp = e.protocol() == 1 || e.protocol() == 58;
        if (icmp) {
            m.put("icmp.type", e.icmpType());
            m.put("icmp.code", e.icmpCode());
            m.put("icmp.id", e.origSport());
        } else {
            m.put("orig.l4.sport", e.origSport());
            m.put("orig.l4.dport", e.origDport());
        }
        m.put("orig.raw.pktcount", e.origPackets());
        m.put("orig.raw.pktlen", e.origBytes());
        m.put("reply.ip.saddr", InetText.format(e.replSrc()));
        m.put("reply.ip.daddr", InetText.format(e.replDst()));
        if (!icmp) {
            m.put("reply.l4.sport", e.replSport());
            m.put("reply.l4.dport", e.replDport());
        }
        m.put("reply.raw.pktcount", e.replPackets());
        m.put("reply.raw.pktlen", e.replBytes());
        m.put("ct.mark", e.mark() & 0xffffffffL);
        if (e.state() != null) {
            m.put("ct.state", e.state());
        }
        m.put("ct.assured", e.hasStatus(CtStatus.ASSURED));
        m.put("ct.replied", e.hasStatus(CtStatus.SEEN_REPLY));
        return JSON.std.asString(m);
    }

    /** The line that stands for {@code count} ended connections the log could not keep up with. */
    static String lost(long count) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ct.event", "LOST");
        m.put("count", count);
        return JSON.std.asString(m);
    }
}
