package org.pkttables.route.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.ext.InetText;
import org.pkttables.route.InterfaceAddress;
import org.pkttables.route.NextHop;
import org.pkttables.route.Route;
import org.pkttables.route.RouteType;

/** Longest-prefix match against a brute-force reference, local routes, metrics, atomic configure. */
class LookupTest {

    static InetAddress ip(String s) {
        return IpCommand.literal(s);
    }

    private static Route route(String prefix, String dev, int metric) {
        int slash = prefix.indexOf('/');
        InetAddress a = ip(prefix.substring(0, slash));
        return new Route(Bits.family(a), a, Integer.parseInt(prefix.substring(slash + 1)), RouteType.UNICAST,
                List.of(new NextHop(dev, null)), metric, Route.Origin.STATIC);
    }

    /** The reference: the longest covering prefix, lowest metric, first added on ties. */
    private static Route brute(List<Route> rs, byte[] addr) {
        InetAddress a;
        try {
            a = InetAddress.getByAddress(addr);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        Route best = null;
        for (Route r : rs) {
            if (Bits.network(a, r.prefixLength()).equals(r.destination()) && (best == null
                    || r.prefixLength() > best.prefixLength()
                    || (r.prefixLength() == best.prefixLength() && r.metric() < best.metric()))) {
                best = r;
            }
        }
        return best;
    }

    @Test
    void randomPrefixesMatchBruteForce() {
        for (Family f : new Family[] {Family.IPV4, Family.IPV6}) {
            Random rnd = new Random(f.ordinal() * 7919L + 1);
            int bytes = f == Family.IPV4 ? 4 : 16;
            List<Route> rs = new ArrayList<>();
            java.util.Set<String> keys = new java.util.HashSet<>();
            // clustered prefixes (a few top bytes) so that many nest
            while (rs.size() < 3000) {
                byte[] b = new byte[bytes];
                b[0] = (byte) (10 + rnd.nextInt(2));
                for (int i = 1; i < bytes; i++) {
                    b[i] = (byte) (i < 3 ? rnd.nextInt(4) : rnd.nextInt(256));
                }
                int len = rnd.nextInt(bytes * 8 + 1);
                InetAddress net = Bits.network(ipOf(b), len);
                int metric = rnd.nextInt(3);
                if (keys.add(InetText.format(net) + "/" + len + " " + metric)) {
                    Route r = new Route(f, net, len, RouteType.UNICAST, List.of(new NextHop("eth" + rnd.nextInt(4), null)),
                            f == Family.IPV6 && metric == 0 ? 1024 : metric, Route.Origin.STATIC);
                    rs.add(r);
                }
            }
            RoutingTableImpl t = new RoutingTableImpl();
            t.configure(List.of(), rs);
            for (int i = 0; i < 20000; i++) {
                byte[] b = new byte[bytes + 3];
                b[3] = (byte) (10 + rnd.nextInt(2));
                for (int j = 1; j < bytes; j++) {
                    b[3 + j] = (byte) (j < 3 ? rnd.nextInt(4) : rnd.nextInt(256));
                }
                byte[] addr = java.util.Arrays.copyOfRange(b, 3, 3 + bytes);
                assertSame(brute(rs, addr), t.lookup(f, b, 3), () -> "lookup " + InetText.format(ipOf(addr)));
            }
        }
    }

    private static InetAddress ipOf(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void localBeforeMainAndConnectedImplied() {
        RoutingTableImpl t = new RoutingTableImpl();
        t.addAddress(new InterfaceAddress("eth1", ip("10.0.2.1"), 24));
        t.addRoute(route("10.0.2.0/24", "eth0", 5)); // a worse metric: connected still wins
        t.addRoute(route("10.0.2.1/32", "eth0", 0)); // more specific, but the local table comes first
        Route own = t.lookup(ip("10.0.2.1"));
        assertEquals(RouteType.LOCAL, own.type());
        assertEquals("eth1", own.nextHops().get(0).iface());
        Route c = t.lookup(ip("10.0.2.7"));
        assertEquals(Route.Origin.CONNECTED, c.origin());
        assertEquals("eth1", t.localAddress(Family.IPV4, ip("10.0.2.1").getAddress(), 0).iface());
        assertNull(t.localAddress(Family.IPV4, ip("10.0.2.2").getAddress(), 0));
        assertNull(t.lookup(ip("192.168.1.1")));
    }

    @Test
    void lowestMetricWins() {
        RoutingTableImpl t = new RoutingTableImpl();
        t.addRoute(route("10.3.0.0/16", "eth1", 100));
        t.addRoute(route("10.3.0.0/16", "eth0", 10));
        assertEquals("eth0", t.lookup(ip("10.3.4.5")).nextHops().get(0).iface());
        t.deleteRoute(route("10.3.0.0/16", "eth0", 10));
        assertEquals("eth1", t.lookup(ip("10.3.4.5")).nextHops().get(0).iface());
        assertThrows(IllegalArgumentException.class, () -> t.addRoute(route("10.3.0.0/16", "eth2", 100)));
    }

    @Test
    void lookupViaFindsTheRouteOnThatPort() {
        RoutingTableImpl t = new RoutingTableImpl();
        t.addAddress(new InterfaceAddress("eth0", ip("2001:db8:1::1"), 64));
        t.addAddress(new InterfaceAddress("eth1", ip("2001:db8:2::1"), 64));
        byte[] ll = ip("fe80::1234").getAddress();
        // fe80::/64 exists on both ports, as the kernel adds it to every IPv6 link
        assertEquals("eth1", t.lookupVia(Family.IPV6, ll, 0, "eth1").nextHops().get(0).iface());
        assertEquals("eth0", t.lookupVia(Family.IPV6, ll, 0, "eth0").nextHops().get(0).iface());
        assertNull(t.lookupVia(Family.IPV6, ll, 0, "eth9"));
        // a default route through eth0 answers for anything on eth0 only
        t.addRoute(new Route(Family.IPV6, ip("::"), 0, RouteType.UNICAST, List.of(new NextHop("eth0", ip("2001:db8:1::fe"))),
                0, Route.Origin.STATIC));
        assertEquals(0, t.lookupVia(Family.IPV6, ip("2001:db8:99::1").getAddress(), 0, "eth0").prefixLength());
        assertNull(t.lookupVia(Family.IPV6, ip("2001:db8:99::1").getAddress(), 0, "eth1"));
        assertEquals(1024, t.lookup(ip("2001:db8:99::1")).metric(), "IPv6 metric 0 is the kernel's 1024");
    }

    @Test
    void configureIsAllOrNothing() {
        RoutingTableImpl t = new RoutingTableImpl();
        t.configure(List.of(new InterfaceAddress("eth0", ip("10.0.1.1"), 24)),
                List.of(new Route(Family.IPV4, ip("0.0.0.0"), 0, RouteType.UNICAST,
                        List.of(new NextHop("eth0", ip("10.0.1.254"))), 0, Route.Origin.STATIC)));
        long gen = t.generation();
        var before = t.routes(Family.IPV4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.configure(
                List.of(new InterfaceAddress("eth0", ip("10.0.9.1"), 24)),
                List.of(route("10.5.0.0/16", "eth0", 0),
                        new Route(Family.IPV4, ip("10.6.0.0"), 16, RouteType.UNICAST,
                                List.of(new NextHop("eth0", ip("10.0.1.254"))), 0, Route.Origin.STATIC))));
        assertEquals("route 10.6.0.0/16: gateway 10.0.1.254 is not on a connected network of eth0: Nexthop has invalid gateway",
                e.getMessage());
        assertEquals(gen, t.generation());
        assertSame(before, t.routes(Family.IPV4));
        assertEquals("eth0", t.lookup(ip("8.8.8.8")).nextHops().get(0).iface());
        assertThrows(IllegalArgumentException.class, () -> t.configure(List.of(
                new InterfaceAddress("eth0", ip("10.0.9.1"), 24), new InterfaceAddress("eth1", ip("10.0.9.1"), 24)), List.of()));
        assertEquals(gen, t.generation());
    }

    @Test
    void deletingTheAddressFlushesRoutesThroughIt() {
        RoutingTableImpl t = new RoutingTableImpl();
        InterfaceAddress a = new InterfaceAddress("eth0", ip("10.0.1.1"), 24);
        t.addAddress(a);
        t.addRoute(new Route(Family.IPV4, ip("0.0.0.0"), 0, RouteType.UNICAST,
                List.of(new NextHop("eth0", ip("10.0.1.254"))), 0, Route.Origin.STATIC));
        t.addRoute(new Route(Family.IPV4, ip("10.8.0.0"), 16, RouteType.BLACKHOLE, List.of(), 0, Route.Origin.STATIC));
        t.deleteAddress(a);
        assertNull(t.lookup(ip("8.8.8.8")));
        assertEquals(RouteType.BLACKHOLE, t.lookup(ip("10.8.1.1")).type());
    }

    @Test
    void multipathSpreadsByWeight() {
        Route r = new Route(Family.IPV4, ip("10.9.0.0"), 16, RouteType.UNICAST,
                List.of(new NextHop("eth0", ip("10.0.1.254"), 1), new NextHop("eth1", ip("10.0.2.254"), 3)), 0,
                Route.Origin.STATIC);
        int eth1 = 0;
        for (int h = 0; h < 4000; h++) {
            if (r.nextHop(h * 0x9E3779B9).iface().equals("eth1")) {
                eth1++;
            }
        }
        assertEquals(3000, eth1, 100);
        assertSame(r.nextHops().get(0), r.nextHop(0));
    }
}
