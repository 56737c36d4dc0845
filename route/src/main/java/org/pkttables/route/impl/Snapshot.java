package org.pkttables.route.impl;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pkttables.api.Family;
import org.pkttables.api.ext.InetText;
import org.pkttables.route.InterfaceAddress;
import org.pkttables.route.NextHop;
import org.pkttables.route.Route;
import org.pkttables.route.RouteType;

/**
 * One immutable state of the table: the addresses, the static routes, and what they imply (connected
 * and local routes) compiled into lookup tables. Built whole and validated before it is published, so a
 * bad entry leaves the previous snapshot in place.
 */
final class Snapshot {
    /** The local table's entry for one own address. */
    record Local(Route route, InterfaceAddress address) {
    }

    /** One address with its bits precomputed for the allocation-free source choice. */
    private record Own(InterfaceAddress address, String iface, long hi, long lo, int length, boolean linkLocal) {
    }

    static final Comparator<Route> MOST_SPECIFIC_FIRST = Comparator.comparingInt(Route::prefixLength).reversed()
            .thenComparingInt(Route::metric);

    final long generation;
    final List<InterfaceAddress> addresses;
    final List<Route> statics;
    private final PrefixTable<List<Route>>[] main;
    private final PrefixTable<Local>[] local;
    private final List<Route>[] routes;
    private final Own[][] own;

    @SuppressWarnings("unchecked")
    private Snapshot(long generation, List<InterfaceAddress> addresses, List<Route> statics) {
        this.generation = generation;
        this.addresses = List.copyOf(addresses);
        this.statics = List.copyOf(statics);
        this.main = new PrefixTable[2];
        this.local = new PrefixTable[2];
        this.routes = new List[2];
        this.own = new Own[2][];
        for (Family f : new Family[] {Family.IPV4, Family.IPV6}) {
            build(f);
        }
    }

    static Snapshot empty() {
        return new Snapshot(0, List.of(), List.of());
    }

    /**
     * Validates and compiles a new state; throws {@link IllegalArgumentException} naming the first bad
     * address or route.
     */
    static Snapshot of(long generation, List<InterfaceAddress> addresses, List<Route> statics) {
        List<InterfaceAddress> seen = new ArrayList<>();
        for (InterfaceAddress a : addresses) {
            for (InterfaceAddress s : seen) {
                if (s.address().equals(a.address())) {
                    throw new IllegalArgumentException("address " + InetText.format(a.address())
                            + " is already assigned (on " + s.iface() + "): Address already assigned");
                }
            }
            seen.add(a);
        }
        List<Route> ok = new ArrayList<>();
        List<Route> connected = new ArrayList<>();
        for (Family f : new Family[] {Family.IPV4, Family.IPV6}) {
            connected.addAll(connected(f, addresses));
        }
        for (Route r : statics) {
            check(r, connected, ok);
            ok.add(r);
        }
        return new Snapshot(generation, addresses, ok);
    }

    private static void check(Route r, List<Route> connected, List<Route> earlier) {
        String name = InetText.format(r.destination()) + "/" + r.prefixLength();
        if (r.origin() != Route.Origin.STATIC && r.origin() != Route.Origin.BOOT) {
            throw new IllegalArgumentException("route " + name + ": " + r.origin().name().toLowerCase()
                    + " routes come from the addresses, not from a route entry");
        }
        if (r.type() == RouteType.LOCAL) {
            throw new IllegalArgumentException("route local " + name + ": local routes come from the addresses (ip addr add)");
        }
        if (!Bits.network(r.destination(), r.prefixLength()).equals(r.destination())) {
            throw new IllegalArgumentException("route " + name + ": Invalid prefix for given prefix length (host bits set)");
        }
        if (r.metric() < 0) {
            throw new IllegalArgumentException("route " + name + ": metric " + Integer.toUnsignedString(r.metric())
                    + " out of range 0-2147483647");
        }
        for (List<Route> rs : List.of(connected, earlier)) {
            for (Route o : rs) {
                if (o.family() == r.family() && o.prefixLength() == r.prefixLength() && o.metric() == r.metric()
                        && o.destination().equals(r.destination())) {
                    throw new IllegalArgumentException("route " + name + " metric " + r.metric() + " exists: File exists");
                }
            }
        }
        for (NextHop h : r.nextHops()) {
            InetAddress gw = h.gateway();
            if (gw == null) {
                continue;
            }
            if (Bits.family(gw) != r.family()) {
                throw new IllegalArgumentException("route " + name + ": gateway " + InetText.format(gw)
                        + " is not an " + r.family().id() + " address");
            }
            if (r.family() == Family.IPV6 && Bits.linkLocal6(Bits.hi(gw))) {
                continue; // on the link of the named port by definition
            }
            if (!onLink(gw, h.iface(), connected) && !onLink(gw, h.iface(), earlier)) {
                throw new IllegalArgumentException("route " + name + ": gateway " + InetText.format(gw)
                        + " is not on a connected network of " + h.iface() + ": Nexthop has invalid gateway");
            }
        }
    }

    /** True if a route without gateway through {@code iface} covers {@code gw} (the kernel's fib_check_nh). */
    private static boolean onLink(InetAddress gw, String iface, List<Route> rs) {
        long hi = Bits.hi(gw);
        long lo = Bits.lo(gw);
        for (Route o : rs) {
            if (o.type() != RouteType.UNICAST || o.family() != Bits.family(gw)) {
                continue;
            }
            for (NextHop h : o.nextHops()) {
                if (h.gateway() == null && h.iface().equals(iface)
                        && Bits.covers(Bits.hi(o.destination()), Bits.lo(o.destination()), o.prefixLength(), hi, lo)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The connected routes the addresses imply, as the kernel adds them: one per prefix and port (a
     * second address in the same prefix is a secondary), none for a host address (/32, /128), metric 0
     * for IPv4 and 256 for IPv6, and for IPv6 the link-local fe80::/64 on every port with an IPv6 address.
     */
    static List<Route> connected(Family f, List<InterfaceAddress> addresses) {
        Map<String, Route> byKey = new LinkedHashMap<>();
        int max = Bits.maxLength(f);
        int metric = f == Family.IPV4 ? 0 : 256;
        for (InterfaceAddress a : addresses) {
            if (Bits.family(a.address()) != f) {
                continue;
            }
            if (a.prefixLength() < max) {
                InetAddress net = Bits.network(a.address(), a.prefixLength());
                byKey.putIfAbsent(InetText.format(net) + "/" + a.prefixLength() + "%" + a.iface(),
                        new Route(f, net, a.prefixLength(), RouteType.UNICAST, List.of(new NextHop(a.iface(), null)),
                                metric, Route.Origin.CONNECTED));
            }
            if (f == Family.IPV6) {
                byKey.putIfAbsent("fe80::/64%" + a.iface(), new Route(f, LINK_LOCAL, 64, RouteType.UNICAST,
                        List.of(new NextHop(a.iface(), null)), metric, Route.Origin.CONNECTED));
            }
        }
        return new ArrayList<>(byKey.values());
    }

    private static final InetAddress LINK_LOCAL = parse("fe80::");

    private static InetAddress parse(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // a literal: cannot happen
        }
    }

    private void build(Family f) {
        int fi = f == Family.IPV4 ? 0 : 1;
        int max = Bits.maxLength(f);
        List<Route> all = new ArrayList<>(connected(f, addresses));
        for (Route r : statics) {
            if (r.family() == f) {
                all.add(r);
            }
        }
        // per prefix: its routes by metric, ties in the order added (connected first)
        Map<String, List<Route>> byPrefix = new LinkedHashMap<>();
        for (Route r : all) {
            byPrefix.computeIfAbsent(InetText.format(r.destination()) + "/" + r.prefixLength(), k -> new ArrayList<>())
                    .add(r);
        }
        List<PrefixTable.Entry<List<Route>>> entries = new ArrayList<>();
        for (List<Route> rs : byPrefix.values()) {
            rs.sort(Comparator.comparingInt(Route::metric));
            Route first = rs.get(0);
            entries.add(new PrefixTable.Entry<>(Bits.hi(first.destination()), Bits.lo(first.destination()),
                    first.prefixLength(), List.copyOf(rs)));
        }
        main[fi] = new PrefixTable<>(entries);

        List<PrefixTable.Entry<Local>> locals = new ArrayList<>();
        List<Route> localRoutes = new ArrayList<>();
        List<Own> owns = new ArrayList<>();
        for (InterfaceAddress a : addresses) {
            if (Bits.family(a.address()) != f) {
                continue;
            }
            Route lr = new Route(f, a.address(), max, RouteType.LOCAL, List.of(new NextHop(a.iface(), null)), 0,
                    Route.Origin.LOCAL);
            long hi = Bits.hi(a.address());
            long lo = Bits.lo(a.address());
            locals.add(new PrefixTable.Entry<>(hi, lo, max, new Local(lr, a)));
            localRoutes.add(lr);
            owns.add(new Own(a, a.iface(), hi, lo, a.prefixLength(), f == Family.IPV6 && Bits.linkLocal6(hi)));
        }
        local[fi] = new PrefixTable<>(locals);
        own[fi] = owns.toArray(new Own[0]);
        List<Route> listed = new ArrayList<>(all);
        listed.addAll(localRoutes);
        listed.sort(MOST_SPECIFIC_FIRST);
        routes[fi] = List.copyOf(listed);
    }

    private static int index(Family f) {
        if (f == Family.IPV4) {
            return 0;
        }
        if (f == Family.IPV6) {
            return 1;
        }
        throw new IllegalArgumentException("no routing table for family " + f.id());
    }

    Route lookup(Family f, byte[] buf, int off) {
        int fi = index(f);
        long hi = Bits.hi(f, buf, off);
        long lo = Bits.lo(f, buf, off);
        Local l = local[fi].longest(hi, lo);
        if (l != null) {
            return l.route();
        }
        List<Route> rs = main[fi].longest(hi, lo);
        return rs == null ? null : rs.get(0);
    }

    List<Route> lookupAll(Family f, byte[] buf, int off) {
        List<Route> rs = main[index(f)].longest(Bits.hi(f, buf, off), Bits.lo(f, buf, off));
        return rs == null ? List.of() : rs;
    }

    Route lookupVia(Family f, byte[] buf, int off, String iface) {
        int fi = index(f);
        long hi = Bits.hi(f, buf, off);
        long lo = Bits.lo(f, buf, off);
        PrefixTable<List<Route>> t = main[fi];
        for (int level = 0, n = t.depth(); level < n; level++) {
            List<Route> rs = t.at(level, hi, lo);
            if (rs == null) {
                continue;
            }
            for (int i = 0, m = rs.size(); i < m; i++) {
                Route r = rs.get(i);
                if (r.leavesThrough(iface)) {
                    return r;
                }
            }
        }
        return null;
    }

    InterfaceAddress localAddress(Family f, byte[] buf, int off) {
        Local l = local[index(f)].longest(Bits.hi(f, buf, off), Bits.lo(f, buf, off));
        return l == null ? null : l.address();
    }

    InterfaceAddress sourceAddress(Family f, String iface, byte[] buf, int off) {
        Own[] os = own[index(f)];
        long hi = Bits.hi(f, buf, off);
        long lo = Bits.lo(f, buf, off);
        boolean dstLinkLocal = f == Family.IPV6 && Bits.linkLocal6(hi);
        for (Own o : os) {
            if (o.iface().equals(iface) && Bits.covers(o.hi(), o.lo(), o.length(), hi, lo)) {
                return o.address();
            }
        }
        for (Own o : os) {
            if (o.iface().equals(iface) && o.linkLocal() == dstLinkLocal) {
                return o.address();
            }
        }
        for (Own o : os) {
            if (!o.linkLocal() || dstLinkLocal) {
                return o.address();
            }
        }
        return null;
    }

    List<Route> routes(Family f) {
        return routes[index(f)];
    }
}
