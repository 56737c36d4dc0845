package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;

/**
 * Finds one IPv6 extension header the way the kernel's ipv6_find_hdr does: walks hop-by-hop, routing,
 * fragment, AH and destination options headers from the fixed header on, stops at anything else, and
 * does not look past the fragment header of a later fragment. Allocation-free.
 */
final class Ipv6Headers {
    static final int HOP_BY_HOP = 0;
    static final int ROUTING = 43;
    static final int FRAGMENT = 44;
    static final int ESP = 50;
    static final int AUTH = 51;
    static final int NONE = 59;
    static final int DEST = 60;

    /** The header is absent. */
    static final int NOT_FOUND = -1;
    /** The walk ran past the end of the packet: the kernel's matches hotdrop such packets. */
    static final int TRUNCATED = -2;

    private static final int MAX_HEADERS = 16;

    private Ipv6Headers() {
    }

    static boolean isExtension(int nh) {
        return nh == HOP_BY_HOP || nh == ROUTING || nh == FRAGMENT || nh == AUTH || nh == DEST || nh == NONE;
    }

    /** Length in bytes of the extension header {@code nh} at {@code off}, or -1 when it cannot be read. */
    static int length(PacketContext p, int nh, int off) {
        if (nh == FRAGMENT) {
            return p.has(off, 8) ? 8 : -1;
        }
        int hl = p.u8(off + 1);
        if (hl < 0) {
            return -1;
        }
        return nh == AUTH ? (hl + 2) * 4 : (hl + 1) * 8;
    }

    /** Absolute offset of the first header of type {@code target}, {@link #NOT_FOUND} or {@link #TRUNCATED}. */
    static int find(PacketContext p, int target) {
        int l3 = p.l3Offset();
        if (l3 < 0 || !p.has(l3, 40)) {
            return TRUNCATED;
        }
        int nh = p.u8(l3 + 6);
        int off = l3 + 40;
        for (int n = 0; n < MAX_HEADERS; n++) {
            if (nh == target) {
                return off;
            }
            if (!isExtension(nh) || nh == NONE) {
                return NOT_FOUND;
            }
            // Like ipv6_find_hdr, only the first bytes of each header are read (the fragment offset too).
            int len = nh == FRAGMENT ? 8 : length(p, nh, off);
            if (len < 0 || !p.has(off, nh == FRAGMENT ? 4 : 2)) {
                return TRUNCATED;
            }
            if (nh == FRAGMENT && (p.u16(off + 2) & 0xfff8) != 0) {
                // A later fragment: what follows is payload, not headers.
                return NOT_FOUND;
            }
            nh = p.u8(off);
            off += len;
        }
        return NOT_FOUND;
    }
}
