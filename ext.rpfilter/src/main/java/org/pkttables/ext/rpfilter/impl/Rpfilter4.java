package org.pkttables.ext.rpfilter.impl;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.route.Route;
import org.pkttables.route.RoutingTable;

/**
 * IPv4 reverse-path check as the kernel's ipt_rpfilter: look the source up (local table first); a
 * unicast route passes if one of its next hops is the input port (any, for multipath) or in loose
 * mode; a local route only with {@code --accept-local} and under the same port rule; no route,
 * blackhole, unreachable, prohibit and broadcast fail. A 0.0.0.0 source to the limited broadcast or to
 * 224.0.0.0/24 (DHCP discover, IGMP) passes without a lookup, as does a packet not received on a port
 * (the kernel's loopback case).
 */
final class Rpfilter4 implements Match {
    private final RoutingTable table;
    private final boolean loose;
    private final boolean acceptLocal;
    private final boolean invert;

    Rpfilter4(RoutingTable table, boolean loose, boolean acceptLocal, boolean invert) {
        this.table = table;
        this.loose = loose;
        this.acceptLocal = acceptLocal;
        this.invert = invert;
    }

    @Override
    public boolean matches(PacketContext p) {
        return passes(p) ^ invert;
    }

    private boolean passes(PacketContext p) {
        String in = p.inIface();
        if (in == null || in.equals("lo")) {
            return true; // rpfilter_is_loopback: the appliance's own traffic
        }
        int l3 = p.l3Offset();
        if (!p.has(l3, 20)) {
            return false;
        }
        long saddr = p.u32(l3 + 12);
        if (saddr == 0) {
            long daddr = p.u32(l3 + 16);
            if (daddr == 0xffff_ffffL || (daddr & 0xffff_ff00L) == 0xe000_0000L) {
                return true;
            }
        }
        Route r = table.lookup(Family.IPV4, p.buffer(), l3 + 12);
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
                if (!acceptLocal) {
                    return false;
                }
                break;
            default:
                return false;
        }
        return loose || r.leavesThrough(in);
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
