package org.pkttables.nat;

import java.util.List;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.InetText;
import org.pkttables.api.ext.Target;
import org.pkttables.conntrack.CtStatus;
import org.pkttables.conntrack.NatEntry;

/**
 * NAT in {@code explain} and {@code trace}: the connection explain's packet would start, as a
 * {@link NatEntry} of its own (no conntrack table: no other connection is known, so every tuple is free
 * and the chosen one is what an idle appliance would choose), so a NAT target binds it with the engine's own
 * {@link NatCore#setup} and the family rewrites explain's copy of the packet; and the text of a binding,
 * original tuple to translated one ({@code udp 10.0.0.2:5000 -> 198.51.100.7:53 => 203.0.113.1:5000 ->
 * 198.51.100.7:53}), which trace shows as the translation step. Control plane only: it allocates.
 */
public final class NatExplain implements NatEntry {
    private final boolean v4;
    private final int proto;
    /** [0] original, [1] reply: source hi, source lo, destination hi, destination lo. */
    private final long[][] addr = new long[2][4];
    /** [0] original, [1] reply: source port, destination port. */
    private final int[][] port = new int[2][2];
    private int status;

    private NatExplain(boolean v4, int proto) {
        this.v4 = v4;
        this.proto = proto;
    }

    /**
     * {@link Target#explain} of a NAT target {@code t} of {@code family}: binds explain's packet as a new
     * connection, rewrites it as the translated packet, and adds the translation to {@code notes}.
     */
    public static int explain(Target t, NatCore core, NatFamily family, PacketContext p, List<String> notes) {
        NatExplain e = of(p);
        if (e == null) {
            return t.apply(p);
        }
        Object saved = p.conntrack();
        p.setConntrack(e);
        try {
            int v = t.apply(p);
            if (v != Verdict.ACCEPT) {
                return v;
            }
            if ((e.status & CtStatus.NAT_MASK) == 0) {
                notes.add("nat: " + original(e) + " kept (its tuple needs no change)");
                return v;
            }
            for (int manip : new int[] { NatCore.DST, NatCore.SRC }) {
                if (NatCore.translates(e, manip)) {
                    family.translate(core, p, e, manip);
                }
            }
            notes.add("nat: " + text(e));
            return v;
        } finally {
            p.setConntrack(saved);
        }
    }

    /** The connection of explain's packet (IPv4 or IPv6 with its L4 header), or null when it is none. */
    private static NatExplain of(PacketContext p) {
        int l3 = p.l3Offset();
        int l4 = p.l4Offset();
        int proto = p.l4Proto();
        if (l3 < 0 || l4 < 0 || proto < 0 || p.isFragment() && p.fragOffset() != 0) {
            return null;
        }
        boolean v4 = (p.u8(l3) >>> 4) == 4;
        NatExplain e = new NatExplain(v4, proto);
        long[] o = e.addr[0];
        if (v4) {
            o[1] = p.u32(l3 + 12);
            o[3] = p.u32(l3 + 16);
        } else {
            o[0] = word(p, l3 + 8);
            o[1] = word(p, l3 + 16);
            o[2] = word(p, l3 + 24);
            o[3] = word(p, l3 + 32);
        }
        if (NatCore.hasPorts(proto) && p.has(l4, 4)) {
            e.port[0][0] = p.u16(l4);
            e.port[0][1] = p.u16(l4 + 2);
        } else if ((proto == 1 || proto == 58) && p.has(l4, 8)) {
            int type = p.u8(l4);
            if (type == 8 || type == 0 || type == 128 || type == 129) {
                e.port[0][0] = p.u16(l4 + 4); // the echo id, both ways
                e.port[0][1] = e.port[0][0];
            }
        }
        e.setReply(o[2], o[3], e.port[0][1], o[0], o[1], e.port[0][0], 0); // the inverse: nothing translated yet
        return e;
    }

    private static long word(PacketContext p, int off) {
        return (p.u32(off) << 32) | p.u32(off + 4);
    }

    /** {@code ORIGINAL => TRANSLATED}: the connection's tuple as it arrived and as it leaves (the reply's inverse). */
    public static String text(NatEntry e) {
        return original(e) + " => " + end(e, e.dstAddrHi(true), e.dstAddr(true), e.dstPort(true)) + " -> "
                + end(e, e.srcAddrHi(true), e.srcAddr(true), e.srcPort(true));
    }

    /** The protocol and the original tuple: {@code udp 10.0.0.2:5000 -> 198.51.100.7:53}. */
    private static String original(NatEntry e) {
        String proto = e.protocol() == 6 ? "tcp" : e.protocol() == 17 ? "udp" : e.protocol() == 1 ? "icmp"
                : e.protocol() == 58 ? "ipv6-icmp" : String.valueOf(e.protocol());
        return proto + " " + end(e, e.srcAddrHi(false), e.srcAddr(false), e.srcPort(false)) + " -> "
                + end(e, e.dstAddrHi(false), e.dstAddr(false), e.dstPort(false));
    }

    private static String end(NatEntry e, long hi, long lo, int port) {
        boolean ports = NatCore.hasPorts(e.protocol());
        if (e.ipv4()) {
            return InetText.formatIpv4(lo) + (ports ? ":" + port : "");
        }
        String a = InetText.formatIpv6(hi, lo);
        return ports ? "[" + a + "]:" + port : a;
    }

    @Override
    public boolean hasEntry() {
        return true;
    }

    @Override
    public boolean ipv4() {
        return v4;
    }

    @Override
    public boolean isReply() {
        return false;
    }

    @Override
    public boolean unconfirmed() {
        return true;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public void natDone(int doneBits) {
        status |= doneBits & (CtStatus.SRC_NAT_DONE | CtStatus.DST_NAT_DONE);
    }

    @Override
    public int protocol() {
        return proto;
    }

    @Override
    public long srcAddr(boolean reply) {
        return addr[reply ? 1 : 0][1];
    }

    @Override
    public long dstAddr(boolean reply) {
        return addr[reply ? 1 : 0][3];
    }

    @Override
    public long srcAddrHi(boolean reply) {
        return addr[reply ? 1 : 0][0];
    }

    @Override
    public long dstAddrHi(boolean reply) {
        return addr[reply ? 1 : 0][2];
    }

    @Override
    public int srcPort(boolean reply) {
        return port[reply ? 1 : 0][0];
    }

    @Override
    public int dstPort(boolean reply) {
        return port[reply ? 1 : 0][1];
    }

    @Override
    public boolean taken(long src, int srcPort, long dst, int dstPort) {
        return false; // explain knows no other connection
    }

    @Override
    public boolean taken(long srcHi, long src, int srcPort, long dstHi, long dst, int dstPort) {
        return false;
    }

    @Override
    public void setReply(long src, int srcPort, long dst, int dstPort, int natBits) {
        setReply(0, src, srcPort, 0, dst, dstPort, natBits);
    }

    @Override
    public void setReply(long srcHi, long src, int srcPort, long dstHi, long dst, int dstPort, int natBits) {
        long[] r = addr[1];
        r[0] = srcHi;
        r[1] = src;
        r[2] = dstHi;
        r[3] = dst;
        port[1][0] = srcPort;
        port[1][1] = dstPort;
        status |= natBits & CtStatus.NAT_MASK;
    }

    @Override
    public void refused() {
        // nothing to count: explain changes no state
    }
}
