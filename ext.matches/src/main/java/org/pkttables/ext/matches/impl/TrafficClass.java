package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;

/** The IPv4 TOS byte or the IPv6 traffic class, which tos, dscp and ecn all read. */
final class TrafficClass {
    private TrafficClass() {
    }

    /** The 8-bit DS field of the packet, -1 when the header is cut short. */
    static int of(PacketContext p, boolean v6) {
        int l3 = p.l3Offset();
        if (l3 < 0) {
            return -1;
        }
        if (v6) {
            int w = p.u16(l3);
            return w < 0 ? -1 : (w >>> 4) & 0xff;
        }
        return p.u8(l3 + 1);
    }
}
