package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Checksums;

/**
 * The IPv4 TOS byte / IPv6 traffic class, read and rewritten in place; the IPv4 header checksum is
 * adjusted incrementally (the TOS byte shares its word with version and header length).
 */
final class DsField {
    private DsField() {
    }

    /** The DS field, -1 when the fixed IP header is not all in the frame. */
    static int get(PacketContext p, boolean v6) {
        int l3 = p.l3Offset();
        if (l3 < 0 || !p.has(l3, v6 ? 40 : 20)) {
            return -1;
        }
        return v6 ? (p.u16(l3) >>> 4) & 0xff : p.u8(l3 + 1);
    }

    /** Writes a new DS field (the header must be present: call {@link #get} first). */
    static void set(PacketContext p, boolean v6, int ds) {
        int l3 = p.l3Offset();
        int old = p.u16(l3);
        int nw = v6 ? (old & 0xf00f) | (ds << 4) : (old & 0xff00) | ds;
        if (!v6) {
            Checksums.replace16(p, l3 + 10, old, nw);
        }
        p.put16(l3, nw);
    }
}
