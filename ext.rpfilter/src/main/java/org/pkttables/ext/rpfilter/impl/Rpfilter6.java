package org.pkttables.ext.rpfilter.impl;

import java.util.List;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.route.InterfaceAddress;
import org.pkttables.route.Route;
import org.pkttables.route.RouteType;

/**
 * IPv6 reverse-path check as the kernel's ip6t_rpfilter:
 * <ul>
 * <li>the unspecified source {@code ::} passes (DAD, not routable: the forward path drops it), as does a
 * packet not received on a port;</li>
 * <li>an own address as source passes only with {@code --accept-local} (no port check: RTF_LOCAL);</li>
 * <li>a link-local source is looked up on the input port only (it exists on every link: the kernel's
 * RT6_LOOKUP_F_IFACE), in loose mode too;</li>
 * <li>otherwise strict mode prefers the input port among the routes of the longest matching prefix
 * (rt6_device_match: so a worse-metric route through the input port still passes, unlike IPv4), and
 * loose mode takes the best route; blackhole, unreachable and prohibit (RTF_REJECT) and no route
 * fail.</li>
 * </ul>
 * A multicast destination changes nothing here: the kernel only drops it as the lookup's preferred
 * source, which matters for policy routing by source, which the appliance's table does not have.
 */
final class Rpfilter6 {
    private Rpfilter6() {
    }

    /** The check of a packet received on port {@code in} whose IP header at {@code l3} is whole. */
    static boolean passes(RpfilterMatch rule, PacketContext p, int l3, String in) {
        int src = l3 + 8;
        if (p.u32(src) == 0 && p.u32(src + 4) == 0 && p.u32(src + 8) == 0 && p.u32(src + 12) == 0) {
            return true;
        }
        byte[] b = p.buffer();
        boolean linkLocal = (b[src] & 0xff) == 0xfe && (b[src + 1] & 0xc0) == 0x80;
        InterfaceAddress own = rule.table().localAddress(Family.IPV6, b, src);
        if (own != null && (!linkLocal || own.iface().equals(in))) {
            return rule.acceptLocal();
        }
        if (linkLocal) {
            Route r = rule.table().lookupVia(Family.IPV6, b, src, in);
            return r != null && r.type() == RouteType.UNICAST;
        }
        List<Route> rs = rule.table().lookupAll(Family.IPV6, b, src);
        if (rs.isEmpty()) {
            return false;
        }
        if (rule.loose()) {
            return rs.get(0).type() == RouteType.UNICAST;
        }
        for (int i = 0, n = rs.size(); i < n; i++) {
            Route r = rs.get(i);
            if (r.type() == RouteType.UNICAST && r.leavesThrough(in)) {
                return true;
            }
        }
        return false;
    }
}
