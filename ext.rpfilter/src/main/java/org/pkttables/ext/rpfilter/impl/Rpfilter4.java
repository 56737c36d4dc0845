package org.pkttables.ext.rpfilter.impl;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.route.Route;

/**
 * IPv4 reverse-path check as the kernel's ipt_rpfilter: look the source up (local table first); a
 * unicast route passes if one of its next hops is the input port (any, for multipath) or in loose
 * mode; a local route only with {@code --accept-local} and under the same port rule; no route,
 * blackhole, unreachable, prohibit and broadcast fail. A 0.0.0.0 source to the limited broadcast or to
 * 224.0.0.0/24 (DHCP discover, IGMP) passes without a lookup, as does a packet not received on a port
 * (the kernel's loopback case).
 */
final class Rpfilter4 {
    private Rpfilter4() {
    }

    /** The check of a packet received on port {@code in} whose IP header at {@code l3} is whole. */
    static boolean passes(RpfilterMatch rule, PacketContext p, int l3, String in) {
        long saddr = p.u32(l3 + 12);
        if (saddr == 0) {
            long daddr = p.u32(l3 + 16);
            if (daddr == 0xffff_ffffL || (daddr & 0xffff_ff00L) == 0xe000_0000L) {
                return true;
            }
        }
        Route r = rule.table().lookup(Family.IPV4, p.buffer(), l3 + 12);
        if (r == null) {
            return false;
        }
        switch (r.type()) {
            case UNICAST:
                if (r.origin() == Route.Origin.CONNECTED && isSubnetBroadcast(saddr, r.prefixLength())) {
                    return false; // the kernel's local table answers RTN_BROADCAST for it
                }
                break;
            case LOCAL:
                if (!rule.acceptLocal()) {
                    return false;
                }
                break;
            default:
                return false;
        }
        return rule.loose() || r.leavesThrough(in);
    }

    /** The all-ones host part of a connected prefix shorter than /31 (its directed broadcast). */
    private static boolean isSubnetBroadcast(long addr, int prefixLength) {
        if (prefixLength >= 31) {
            return false;
        }
        long host = 0xffff_ffffL >>> prefixLength;
        return (addr & host) == host;
    }
}
