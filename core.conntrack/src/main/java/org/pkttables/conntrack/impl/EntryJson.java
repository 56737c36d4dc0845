package org.pkttables.conntrack.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import org.pkttables.api.ext.InetText;
import org.pkttables.conntrack.ConntrackEntry;
import org.pkttables.conntrack.ConntrackStats;
import org.pkttables.conntrack.CtStatus;

/**
 * {@code conntrack -L --json} and {@code conntrack -S --json}: the entries and table counters as JSON,
 * one document per command ({@code {"entries": [...], "count": N}}, {@code {"stats": {...}}}).
 */
final class EntryJson {
    private EntryJson() {
    }

    static String entries(List<ConntrackEntry> l, boolean accounting) {
        List<Object> out = new ArrayList<>(l.size());
        for (ConntrackEntry e : l) {
            out.add(entry(e, accounting));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("entries", out);
        doc.put("count", l.size());
        return document(doc);
    }

    static Map<String, Object> entry(ConntrackEntry e, boolean accounting) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id() & 0xffffffffL);
        m.put("family", e.isIpv6() ? "ipv6" : "ipv4");
        m.put("protocol", EntryFormat.protoName(e.protocol()));
        m.put("protonum", e.protocol());
        m.put("timeout", e.timeoutSeconds());
        if (e.state() != null) {
            m.put("state", e.state());
        }
        m.put("orig", tuple(e, e.origSrc(), e.origDst(), e.origSport(), e.origDport(), e.icmpType(),
                accounting ? new long[] { e.origPackets(), e.origBytes() } : null));
        int replyType = e.icmpType();
        if ((e.protocol() == 1 || e.protocol() == 58) && IcmpTracker.requestOf(e.protocol(), replyType) == replyType) {
            replyType = IcmpTracker.replyOf(e.protocol(), replyType);
        }
        m.put("reply", tuple(e, e.replSrc(), e.replDst(), e.replSport(), e.replDport(), replyType,
                accounting ? new long[] { e.replPackets(), e.replBytes() } : null));
        m.put("replied", e.hasStatus(CtStatus.SEEN_REPLY));
        m.put("assured", e.hasStatus(CtStatus.ASSURED));
        m.put("mark", e.mark() & 0xffffffffL);
        if (e.zone() != 0) {
            m.put("zone", e.zone());
        }
        if (e.helper() != null) {
            m.put("helper", e.helper());
        }
        return m;
    }

    private static Map<String, Object> tuple(ConntrackEntry e, InetAddress s, InetAddress d, int sp, int dp,
            int icmpType, long[] counters) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("src", InetText.format(s));
        t.put("dst", InetText.format(d));
        int p = e.protocol();
        if (p == 1 || p == 58) {
            t.put("type", icmpType);
            t.put("code", e.icmpCode());
            t.put("id", sp);
        } else if (p == 6 || p == 17 || p == 136 || p == 132 || p == 33) {
            t.put("sport", sp);
            t.put("dport", dp);
        }
        if (counters != null) {
            t.put("packets", counters[0]);
            t.put("bytes", counters[1]);
        }
        return t;
    }

    static String stats(ConntrackStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", s.count());
        m.put("max", s.max());
        m.put("found", s.found());
        m.put("invalid", s.invalid());
        m.put("insert", s.insert());
        m.put("insert_failed", s.insertFailed());
        m.put("drop", s.drop());
        m.put("early_drop", s.earlyDrop());
        m.put("searched", s.searched());
        return document(Map.of("stats", m));
    }

    private static String document(Object o) {
        try {
            return JSON.std.asString(o) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }
}
