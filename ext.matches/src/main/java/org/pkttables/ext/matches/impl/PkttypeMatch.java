package org.pkttables.ext.matches.impl;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A compiled pkttype match. Without a driver to ask, the type comes from the packet: with an Ethernet
 * header, the destination MAC (all ones: broadcast, group bit: multicast, else unicast); without one,
 * the destination IP (255.255.255.255: broadcast, 224.0.0.0/4 or ff00::/8: multicast, else unicast).
 * We do not know our own MAC addresses, so unicast frames for other hosts count as unicast and
 * {@code otherhost} never matches (it still parses and lists).
 */
record PkttypeMatch(int type, boolean inv) implements Match {
    static final int UNICAST = 0;
    static final int BROADCAST = 1;
    static final int MULTICAST = 2;
    static final int OTHERHOST = 3;

    private static final long MAC_BROADCAST = 0xffff_ffff_ffffL;

    @Override
    public boolean matches(PacketContext p) {
        int t = typeOf(p);
        return t >= 0 && (t == type) != inv;
    }

    /** The packet's type, -1 when it cannot be told (frame cut short). */
    static int typeOf(PacketContext p) {
        if (p.hasL2()) {
            long mac = p.u48(p.l2Offset());
            if (mac < 0) {
                return -1;
            }
            return mac == MAC_BROADCAST ? BROADCAST : (mac & 0x0100_0000_0000L) != 0 ? MULTICAST : UNICAST;
        }
        int l3 = p.l3Offset();
        if (p.family() == Family.IPV6 || p.etherType() == 0x86dd) {
            int first = p.u8(l3 + 24);
            return first < 0 ? -1 : first == 0xff ? MULTICAST : UNICAST;
        }
        long dst = p.u32(l3 + 16);
        if (dst < 0) {
            return -1;
        }
        return dst == 0xffffffffL ? BROADCAST : (dst >>> 28) == 0xe ? MULTICAST : UNICAST;
    }
}
