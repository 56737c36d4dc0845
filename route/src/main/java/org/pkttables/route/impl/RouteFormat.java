package org.pkttables.route.impl;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;

import org.pkttables.api.Family;
import org.pkttables.api.ext.InetText;
import org.pkttables.route.InterfaceAddress;
import org.pkttables.route.NextHop;
import org.pkttables.route.Route;
import org.pkttables.route.RouteType;
import org.pkttables.route.RoutingTable;

/**
 * Routes and addresses as iproute2 prints them (checked against {@code ip} 6.x on Linux): field order,
 * the trailing space of IPv4 route lines, {@code proto boot} hidden, IPv6 {@code metric … pref medium},
 * multipath next hops on tab-indented lines, and the kernel's dump order.
 */
final class RouteFormat {
    private RouteFormat() {
    }

    /**
     * The kernel's dump order. IPv4 (fib_trie): by network address, longer prefix first for the same
     * address, then metric. IPv6 (fib6 tree walked children first): a prefix after the ones it
     * contains, otherwise by address; then metric.
     */
    static Comparator<Route> dumpOrder(Family f) {
        if (f == Family.IPV4) {
            return Comparator.<Route>comparingLong(r -> Bits.hi(r.destination()) >>> 32)
                    .thenComparing(Comparator.comparingInt(Route::prefixLength).reversed())
                    .thenComparingInt(Route::metric);
        }
        return (a, b) -> {
            long ah = Bits.hi(a.destination()), al = Bits.lo(a.destination());
            long bh = Bits.hi(b.destination()), bl = Bits.lo(b.destination());
            int common = Math.min(a.prefixLength(), b.prefixLength());
            long dh = (ah ^ bh) & Bits.maskHi(common);
            long dl = (al ^ bl) & Bits.maskLo(common);
            if (dh != 0 || dl != 0) {
                return dh != 0 ? Long.compareUnsigned(ah & Bits.maskHi(common), bh & Bits.maskHi(common))
                        : Long.compareUnsigned(al & Bits.maskLo(common), bl & Bits.maskLo(common));
            }
            if (a.prefixLength() != b.prefixLength()) {
                return Integer.compare(b.prefixLength(), a.prefixLength());
            }
            return Integer.compare(a.metric(), b.metric());
        };
    }

    /** One route, with {@code table local} named when listing all tables. */
    static String route(RoutingTable t, Route r, boolean nameTable) {
        boolean v4 = r.family() == Family.IPV4;
        StringBuilder b = new StringBuilder();
        if (r.type() != RouteType.UNICAST) {
            b.append(r.type().name().toLowerCase()).append(' ');
        }
        b.append(prefix(r));
        boolean multi = r.nextHops().size() > 1;
        if (!multi && r.nextHops().size() == 1) {
            NextHop h = r.nextHops().get(0);
            if (h.gateway() != null) {
                b.append(" via ").append(InetText.format(h.gateway()));
            }
            b.append(" dev ").append(h.iface());
        } else if (!v4 && !multi) {
            b.append(" dev lo"); // IPv6 blackhole/unreachable/prohibit routes point at lo
        }
        if (nameTable && r.type() == RouteType.LOCAL) {
            b.append(" table local");
        }
        switch (r.origin()) {
            case CONNECTED, LOCAL -> b.append(" proto kernel");
            case STATIC -> b.append(" proto static");
            case BOOT -> {
                // iproute2 hides its own default
            }
        }
        if (v4) {
            if (r.type() == RouteType.LOCAL) {
                b.append(" scope host");
            } else if (r.type() == RouteType.UNICAST && !multi && r.nextHops().get(0).gateway() == null) {
                b.append(" scope link");
            }
            InterfaceAddress src = v4 ? prefSrc(t, r) : null;
            if (src != null) {
                b.append(" src ").append(InetText.format(src.address()));
            }
            if (r.metric() != 0) {
                b.append(" metric ").append(Integer.toUnsignedString(r.metric()));
            }
            b.append(' ');
        } else {
            b.append(" metric ").append(Integer.toUnsignedString(r.metric())).append(" pref medium");
        }
        b.append('\n');
        if (multi) {
            for (NextHop h : r.nextHops()) {
                b.append("\tnexthop");
                if (h.gateway() != null) {
                    b.append(" via ").append(InetText.format(h.gateway()));
                }
                b.append(" dev ").append(h.iface()).append(" weight ").append(h.weight()).append(" \n");
            }
        }
        return b.toString();
    }

    /** The kernel's prefsrc of IPv4 connected and local routes: the primary address of the prefix. */
    private static InterfaceAddress prefSrc(RoutingTable t, Route r) {
        if (r.origin() == Route.Origin.CONNECTED) {
            byte[] d = r.destination().getAddress();
            return t.sourceAddress(r.family(), r.nextHops().get(0).iface(), d, 0);
        }
        if (r.origin() == Route.Origin.LOCAL) {
            InetAddress a = r.destination();
            InterfaceAddress own = t.localAddress(r.family(), a.getAddress(), 0);
            return own == null ? null : primary(t.addresses(), own);
        }
        return null;
    }

    /** The first address of the same prefix on the same port (a secondary's primary), or itself. */
    static InterfaceAddress primary(List<InterfaceAddress> all, InterfaceAddress a) {
        for (InterfaceAddress o : all) {
            if (o.iface().equals(a.iface()) && o.prefixLength() == a.prefixLength()
                    && o.address().getAddress().length == a.address().getAddress().length
                    && Bits.network(o.address(), o.prefixLength()).equals(Bits.network(a.address(), a.prefixLength()))) {
                return o;
            }
        }
        return a;
    }

    static String prefix(Route r) {
        int max = Bits.maxLength(r.family());
        if (r.prefixLength() == 0) {
            return "default";
        }
        String a = InetText.format(r.destination());
        return r.prefixLength() == max ? a : a + "/" + r.prefixLength();
    }
}
