package org.pkttables.io.impl;

import java.util.Locale;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.InetText;

/**
 * The packets a replay saw rewritten on their way through the hooks (NAT: the nat table's binding for a
 * connection's first packet, the binding for every later one, replies translated back): how many, and the
 * first {@link #KEPT} distinct translations (original tuple to the one that left, with their packet counts).
 * {@link #before} reads the packet's addresses and ports as it arrived, {@link #after} compares them with
 * what leaves. Reused for the whole file: nothing is allocated per packet (a new distinct translation is
 * kept as numbers, its text made when the summary is printed).
 */
final class ReplayTranslations {
    static final int KEPT = 16;

    long translated;
    private int kept;
    /** Per kept translation: family (4/6), protocol, then before and after: src hi, src lo, dst hi, dst lo, ports. */
    private final long[][] rows = new long[KEPT][12];
    private final long[] packets = new long[KEPT];
    private final long[] now = new long[12];
    private boolean seen;

    /** Reads the tuple of the packet as it arrived (after the L3 handler parsed it). */
    void before(PacketContext p) {
        seen = read(p, now, 2);
        if (seen) {
            now[0] = (p.u8(p.l3Offset()) >>> 4);
            now[1] = p.l4Proto();
        }
    }

    /** Compares the accepted packet's tuple with the one it arrived with; counts and keeps a change. */
    void after(PacketContext p) {
        if (!seen) {
            return;
        }
        long[] n = now;
        long s0 = n[2];
        long s1 = n[3];
        long s2 = n[4];
        long s3 = n[5];
        long s4 = n[6];
        if (!read(p, n, 7)) {
            return;
        }
        if (s0 == n[7] && s1 == n[8] && s2 == n[9] && s3 == n[10] && s4 == n[11]) {
            return;
        }
        translated++;
        for (int i = 0; i < kept; i++) {
            if (java.util.Arrays.equals(rows[i], n)) {
                packets[i]++;
                return;
            }
        }
        if (kept < KEPT) {
            System.arraycopy(n, 0, rows[kept], 0, n.length);
            packets[kept++] = 1;
        }
    }

    /** Source hi, lo, destination hi, lo, ports (source << 16 | destination) of an IPv4 or IPv6 packet. */
    private static boolean read(PacketContext p, long[] into, int at) {
        int l3 = p.l3Offset();
        if (l3 < 0 || !p.has(l3, 20)) {
            return false;
        }
        int version = p.u8(l3) >>> 4;
        if (version == 4) {
            into[at] = 0;
            into[at + 1] = p.u32(l3 + 12);
            into[at + 2] = 0;
            into[at + 3] = p.u32(l3 + 16);
        } else if (version == 6 && p.has(l3, 40)) {
            into[at] = (p.u32(l3 + 8) << 32) | p.u32(l3 + 12);
            into[at + 1] = (p.u32(l3 + 16) << 32) | p.u32(l3 + 20);
            into[at + 2] = (p.u32(l3 + 24) << 32) | p.u32(l3 + 28);
            into[at + 3] = (p.u32(l3 + 32) << 32) | p.u32(l3 + 36);
        } else {
            return false;
        }
        int l4 = p.l4Offset();
        int proto = p.l4Proto();
        boolean ports = proto == 6 || proto == 17 || proto == 132 || proto == 33 || proto == 136;
        boolean fragment = p.isFragment() && p.fragOffset() != 0;
        into[at + 4] = ports && !fragment && l4 >= 0 && p.has(l4, 4) ? ((long) p.u16(l4) << 16) | p.u16(l4 + 2) : 0;
        return true;
    }

    /** The summary lines ({@code translated: N packets} and each kept translation), empty when none. */
    void text(StringBuilder sb) {
        if (translated == 0) {
            return;
        }
        sb.append(String.format(Locale.ROOT, "  translated (nat): %d packet%s%n", translated,
                translated == 1 ? "" : "s"));
        for (int i = 0; i < kept; i++) {
            sb.append("    ").append(row(rows[i])).append(String.format(Locale.ROOT, " (%d packet%s)%n", packets[i],
                    packets[i] == 1 ? "" : "s"));
        }
        if (kept == KEPT) {
            sb.append("    (the first ").append(KEPT).append(" distinct translations)\n");
        }
    }

    /** {@code translated} and {@code translations} ({from, to, packets} each) for the JSON summary. */
    void json(java.util.Map<String, Object> m) {
        m.put("translated", translated);
        java.util.List<Object> list = new java.util.ArrayList<>();
        for (int i = 0; i < kept; i++) {
            String[] t = row(rows[i]).split(" => ");
            java.util.Map<String, Object> e = new java.util.LinkedHashMap<>();
            e.put("from", t[0]);
            e.put("to", t[1]);
            e.put("packets", packets[i]);
            list.add(e);
        }
        m.put("translations", list);
    }

    private static String row(long[] r) {
        int proto = (int) r[1];
        String name = proto == 6 ? "tcp" : proto == 17 ? "udp" : proto == 1 ? "icmp" : proto == 58 ? "ipv6-icmp"
                : String.valueOf(proto);
        boolean v6 = r[0] == 6;
        return name + " " + end(v6, r[2], r[3], r[6] >>> 16, r[6]) + " -> "
                + end(v6, r[4], r[5], r[6] & 0xffff, r[6]) + " => " + end(v6, r[7], r[8], r[11] >>> 16, r[11])
                + " -> " + end(v6, r[9], r[10], r[11] & 0xffff, r[11]);
    }

    private static String end(boolean v6, long hi, long lo, long port, long ports) {
        String a = v6 ? InetText.formatIpv6(hi, lo) : InetText.formatIpv4(lo);
        if (ports == 0) {
            return a;
        }
        return v6 ? "[" + a + "]:" + port : a + ":" + port;
    }
}
