package org.pkttables.ext.rpfilter.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.route.impl.IpCommand;
import org.pkttables.route.impl.RoutingTableImpl;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * rpfilter through the real core and a real routing table, in the rpath.sh layout: the appliance has
 * eth0 towards 10.0.1.0/24 (and the default route) and eth1 towards 10.0.2.0/24; the rule is the
 * selftest's {@code -t raw -A PREROUTING -m rpfilter --invert -j DROP}.
 */
class RpfilterThroughCoreTest {
    private final RoutingTableImpl table = new RoutingTableImpl();
    private final RpfilterMatchType rpfilter = new RpfilterMatchType(table);
    private final Harness h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), rpfilter, new IpCommand(table));

    RpfilterThroughCoreTest() {
        for (String l : List.of("ip addr add 10.0.1.1/24 dev eth0", "ip addr add 10.0.2.1/24 dev eth1",
                "ip route add default via 10.0.1.254", "ip -6 addr add 2001:db8:1::1/64 dev eth0",
                "ip -6 addr add 2001:db8:2::1/64 dev eth1", "ip -6 route add default via 2001:db8:1::fe")) {
            ok(l);
        }
    }

    private void ok(String line) {
        CommandFrontend.Result r = h.sh(line);
        assertEquals(0, r.exit(), () -> line + " -> " + r.err());
    }

    private int v4(String src, String dst, String in) {
        return h.inject(Family.IPV4, Hook.PREROUTING, Frames.ipv4(src, dst).udp(5000, 53).build(), in, null);
    }

    private int v6(String src, String dst, String in) {
        return h.inject(Family.IPV6, Hook.PREROUTING, Frames.ipv6(src, dst).udp(5000, 53).build(), in, null);
    }

    private long dropped(String tool) {
        String out = h.sh(tool + " -t raw -L PREROUTING -v -x -n").out();
        return Long.parseLong(out.lines().filter(l -> l.contains("DROP")).findFirst().orElseThrow().strip().split("\\s+")[0]);
    }

    @Test
    void strictDropsSpoofedSourceOnTheWrongPortOnly() {
        ok("iptables -t raw -A PREROUTING -m rpfilter --invert -j DROP");
        assertEquals(Verdict.ACCEPT, v4("10.0.2.7", "10.0.1.9", "eth1"), "right port");
        assertEquals(Verdict.DROP, v4("10.0.2.7", "10.0.1.9", "eth0"), "10.0.2.0/24 lives behind eth1");
        assertEquals(Verdict.ACCEPT, v4("198.51.100.7", "10.0.2.9", "eth0"), "the internet is behind eth0");
        assertEquals(Verdict.DROP, v4("198.51.100.7", "10.0.1.9", "eth1"));
        assertEquals(Verdict.DROP, v4("10.0.1.1", "10.0.2.9", "eth0"), "own address without --accept-local");
        assertEquals(3, dropped("iptables"));
    }

    @Test
    void countsTheDrops() {
        ok("iptables -t raw -A PREROUTING -m rpfilter --invert -j DROP");
        v4("10.0.2.7", "10.0.1.9", "eth0");
        v4("10.0.2.7", "10.0.1.9", "eth0");
        v4("10.0.2.7", "10.0.1.9", "eth1");
        assertEquals(2, dropped("iptables"));
    }

    @Test
    void looseAcceptsAnyRouteButNotNoneNorBlackhole() {
        ok("ip route del default");
        ok("ip route add blackhole 192.0.2.0/24");
        ok("iptables -t raw -A PREROUTING -m rpfilter --loose --invert -j DROP");
        assertEquals(Verdict.ACCEPT, v4("10.0.2.7", "10.0.1.9", "eth0"), "a route exists, any port");
        assertEquals(Verdict.DROP, v4("198.51.100.7", "10.0.1.9", "eth0"), "no route at all");
        assertEquals(Verdict.DROP, v4("192.0.2.7", "10.0.1.9", "eth0"), "blackhole");
    }

    @Test
    void acceptLocal() {
        ok("iptables -t raw -A PREROUTING -m rpfilter --invert -j DROP");
        assertEquals(Verdict.DROP, v4("10.0.1.1", "10.0.2.9", "eth0"));
        ok("iptables -t raw -F");
        ok("iptables -t raw -A PREROUTING -m rpfilter --accept-local --invert -j DROP");
        assertEquals(Verdict.ACCEPT, v4("10.0.1.1", "10.0.2.9", "eth0"), "own source on the port that owns it");
        assertEquals(Verdict.DROP, v4("10.0.1.1", "10.0.2.9", "eth1"), "strict: the local route's port is eth0");
        ok("iptables -t raw -F");
        ok("iptables -t raw -A PREROUTING -m rpfilter --accept-local --loose --invert -j DROP");
        assertEquals(Verdict.ACCEPT, v4("10.0.1.1", "10.0.2.9", "eth1"), "loose: any port");
    }

    @Test
    void dhcpDiscoverFromZeroSourcePasses() {
        ok("iptables -t raw -A PREROUTING -m rpfilter --invert -j DROP");
        assertEquals(Verdict.ACCEPT, v4("0.0.0.0", "255.255.255.255", "eth1"));
        assertEquals(Verdict.ACCEPT, v4("0.0.0.0", "224.0.0.22", "eth1"));
        assertEquals(Verdict.DROP, v4("0.0.0.0", "10.0.1.1", "eth1"), "0/8 is covered only by the default via eth0");
        assertEquals(Verdict.DROP, v4("10.0.2.255", "10.0.2.1", "eth1"), "a subnet broadcast source");
    }

    @Test
    void multipathAnyNextHopIsTheRightPort() {
        ok("ip route add 10.9.0.0/16 nexthop via 10.0.1.254 dev eth0 nexthop via 10.0.2.254 dev eth1");
        ok("ip addr add 10.0.3.1/24 dev eth2");
        ok("iptables -t raw -A PREROUTING -m rpfilter --invert -j DROP");
        assertEquals(Verdict.ACCEPT, v4("10.9.1.1", "10.0.3.9", "eth0"));
        assertEquals(Verdict.ACCEPT, v4("10.9.1.1", "10.0.3.9", "eth1"));
        assertEquals(Verdict.DROP, v4("10.9.1.1", "10.0.1.9", "eth2"));
    }

    @Test
    void ipv6StrictLooseAndLinkLocal() {
        ok("ip6tables -t raw -A PREROUTING -m rpfilter --invert -j DROP");
        assertEquals(Verdict.ACCEPT, v6("2001:db8:2::7", "2001:db8:1::9", "eth1"));
        assertEquals(Verdict.DROP, v6("2001:db8:2::7", "2001:db8:1::9", "eth0"));
        assertEquals(Verdict.ACCEPT, v6("2001:db8:99::7", "2001:db8:2::9", "eth0"), "default via eth0");
        assertEquals(Verdict.DROP, v6("2001:db8:99::7", "2001:db8:2::9", "eth1"));
        // link-local sources exist on every link: looked up on the input port (fe80::/64 on both)
        assertEquals(Verdict.ACCEPT, v6("fe80::1234", "ff02::1", "eth1"));
        assertEquals(Verdict.ACCEPT, v6("fe80::1234", "ff02::1", "eth0"));
        assertEquals(Verdict.DROP, v6("fe80::1234", "ff02::1", "eth9"), "a port without IPv6");
        assertEquals(Verdict.ACCEPT, v6("::", "ff02::1:ff00:1", "eth9"), "DAD from the unspecified address");
        assertEquals(Verdict.DROP, v6("2001:db8:1::1", "2001:db8:2::9", "eth0"), "own address");
        ok("ip6tables -t raw -F");
        ok("ip6tables -t raw -A PREROUTING -m rpfilter --loose --accept-local --invert -j DROP");
        assertEquals(Verdict.ACCEPT, v6("2001:db8:2::7", "2001:db8:1::9", "eth0"), "loose");
        assertEquals(Verdict.ACCEPT, v6("2001:db8:1::1", "2001:db8:2::9", "eth1"), "own address, --accept-local");
        assertEquals(Verdict.DROP, v6("fe80::1234", "ff02::1", "eth9"), "link-local is per port, loose too");
    }

    @Test
    void ipv6StrictPrefersTheInputPortAmongSamePrefixRoutes() {
        // two defaults; the kernel's rt6_device_match takes the one through the input port
        ok("ip -6 route add default via 2001:db8:2::fe metric 2048");
        ok("ip route add default via 10.0.2.254 metric 2048");
        ok("ip6tables -t raw -A PREROUTING -m rpfilter --invert -j DROP");
        ok("iptables -t raw -A PREROUTING -m rpfilter --invert -j DROP");
        assertEquals(Verdict.ACCEPT, v6("2001:db8:99::7", "2001:db8:1::9", "eth1"));
        assertEquals(Verdict.DROP, v4("198.51.100.7", "10.0.1.9", "eth1"), "IPv4 looks at the best route only");
    }

    @Test
    void withoutTheMatchRulesFailClosed() {
        ok("iptables -t raw -A PREROUTING -m rpfilter --invert -j DROP");
        h.without(rpfilter);
        assertNotEquals(Verdict.ACCEPT, v4("10.0.2.7", "10.0.1.9", "eth1"), "unbound rules drop");
        assertTrue(h.sh("iptables -t raw -L PREROUTING -n").out().contains("fail-closed"));
    }

    @Test
    void inAUserChainReachedFromPrerouting() {
        // (iptables also refuses a jump to it from OUTPUT; the core checks hooks of built-in chains only)
        ok("iptables -t raw -N spoof");
        ok("iptables -t raw -A spoof -m rpfilter --invert -j DROP");
        ok("iptables -t raw -A PREROUTING -j spoof");
        assertEquals(Verdict.DROP, v4("10.0.2.7", "10.0.1.9", "eth0"));
        assertEquals(Verdict.ACCEPT, v4("10.0.2.7", "10.0.1.9", "eth1"));
    }

    @Test
    void tableChangesApplyAtOnce() {
        ok("iptables -t raw -A PREROUTING -m rpfilter --invert -j DROP");
        assertEquals(Verdict.DROP, v4("10.0.5.7", "10.0.1.9", "eth1"));
        ok("ip route add 10.0.5.0/24 via 10.0.2.254");
        assertEquals(Verdict.ACCEPT, v4("10.0.5.7", "10.0.1.9", "eth1"));
    }
}
