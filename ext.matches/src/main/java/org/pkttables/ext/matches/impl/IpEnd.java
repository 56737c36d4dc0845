package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;

/**
 * Where the IP packet ends inside the frame (string and u32 search no further): the IPv4 total length
 * or the IPv6 payload length plus the fixed header (0, a jumbogram, runs to the frame's end), never
 * past the frame.
 */
final class IpEnd {
    private IpEnd() {
    }

    /** The end offset of the IP packet at {@code l3}, -1 when the header is cut short. */
    static int of(PacketContext p, int l3) {
        int v = p.u8(l3);
        if (v < 0) {
            return -1;
        }
        if (v >> 4 == 6) {
            int pl = p.u16(l3 + 4);
            return pl < 0 ? -1 : pl == 0 ? p.end() : Math.min(p.end(), l3 + 40 + pl);
        }
        int tl = p.u16(l3 + 2);
        return tl < 0 ? -1 : Math.min(p.end(), l3 + tl);
    }
}
