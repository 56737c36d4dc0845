package org.pkttables.l2.bridge.impl;

import org.pkttables.api.ext.Target;

/** The MAC rewrite of dnat/snat: six bytes written in place, no checksum covers them. */
final class MacRewrite {
    private MacRewrite() {
    }

    static Target of(MacMask to, boolean source, boolean arp, int verdict) {
        long mac = to.mac();
        return p -> {
            int l2 = p.l2Offset();
            int at = source ? l2 + 6 : l2;
            if (!p.has(at, 6)) {
                return verdict;
            }
            put(p, at, mac);
            int l3 = l2 + BridgeHandler.ETH_HLEN;
            // --snat-arp: the ARP sender hardware address too (Ethernet/IPv4 ARP only).
            if (arp && p.u16(l2 + 12) == 0x0806 && p.u8(l3 + 4) == 6 && p.has(l3 + 8, 6)) {
                put(p, l3 + 8, mac);
            }
            return verdict;
        };
    }

    private static void put(org.pkttables.api.PacketContext p, int at, long mac) {
        p.put16(at, (int) (mac >>> 32) & 0xffff);
        p.put16(at + 2, (int) (mac >>> 16) & 0xffff);
        p.put16(at + 4, (int) mac & 0xffff);
    }
}
