package org.pkttables.ext.ipset.impl;

import org.pkttables.api.PacketContext;

/** Packet facts the sets need beyond the dimensions. */
final class Packets {
    private Packets() {
    }

    /** The length byte counters count: the IP packet, as the kernel's skb->len at the IP hooks. */
    static int length(PacketContext p) {
        int l3 = p.l3Offset();
        return l3 >= 0 ? p.end() - l3 : p.length();
    }
}
