package org.pkttables.route.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;

/**
 * The {@code ip} command against transcripts of the real iproute2 (6.x, in a network namespace with
 * veth ports eth0/eth1 and the same commands): output, messages and exit codes.
 */
class IpCommandTest {
    private RoutingTableImpl table;
    private IpCommand ip;

    private Result ip(String line) {
        return ip.run(Arrays.asList(line.split(" ")), "");
    }

    private void ok(String line) {
        Result r = ip(line);
        assertEquals("", r.err(), line);
        assertEquals(0, r.exit(), line);
    }

    private void refused(String line, int exit, String err) {
        Result r = ip(line);
        assertEquals(err + "\n", r.err(), line);
        assertEquals(exit, r.exit(), line);
    }

    @BeforeEach
    void lab() {
        table = new RoutingTableImpl();
        ip = new IpCommand(table);
        for (String l : List.of("addr add 10.0.1.1/24 dev eth0", "addr add 10.0.2.1/24 dev eth1",
                "addr add 10.0.2.5/24 dev eth1", "-6 addr add 2001:db8:1::1/64 dev eth0 nodad",
                "-6 addr add 2001:db8:2::1/64 dev eth1 nodad",
                "route add default via 10.0.1.254 proto static", "route add 10.3.0.0/16 via 10.0.2.254 metric 100",
                "route add 10.3.0.0/16 via 10.0.1.254",
                "route add 10.9.0.0/16 nexthop via 10.0.1.254 dev eth0 weight 1 nexthop via 10.0.2.254 dev eth1 weight 2",
                "route add blackhole 10.8.0.0/16", "route add unreachable 10.7.0.0/16", "route add prohibit 10.6.0.0/16",
                "route add 10.0.0.0/8 via 10.0.1.253", "route add 10.3.0.0/24 dev eth1",
                "-6 route add 2001:db8:9::/48 nexthop via 2001:db8:1::fe dev eth0 nexthop via 2001:db8:2::fe dev eth1",
                "-6 route add default via 2001:db8:1::fe", "-6 route add blackhole 2001:db8:8::/48",
                "-6 route add 2001:db8:1:5::/64 via 2001:db8:1::fe metric 5")) {
            ok(l);
        }
    }

    @Test
    void routeShowIsIproute2s() {
        assertEquals("""
                default via 10.0.1.254 dev eth0 proto static\s
                10.0.0.0/8 via 10.0.1.253 dev eth0\s
                10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.1\s
                10.0.2.0/24 dev eth1 proto kernel scope link src 10.0.2.1\s
                10.3.0.0/24 dev eth1 scope link\s
                10.3.0.0/16 via 10.0.1.254 dev eth0\s
                10.3.0.0/16 via 10.0.2.254 dev eth1 metric 100\s
                prohibit 10.6.0.0/16\s
                unreachable 10.7.0.0/16\s
                blackhole 10.8.0.0/16\s
                10.9.0.0/16\s
                \tnexthop via 10.0.1.254 dev eth0 weight 1\s
                \tnexthop via 10.0.2.254 dev eth1 weight 2\s
                """, ip("route show").out());
        assertEquals(ip("route show").out(), ip("route").out());
        // the real listing has fe80::/64 of the veth peers too; the appliance has only its own ports
        assertEquals("""
                2001:db8:1::/64 dev eth0 proto kernel metric 256 pref medium
                2001:db8:1:5::/64 via 2001:db8:1::fe dev eth0 metric 5 pref medium
                2001:db8:2::/64 dev eth1 proto kernel metric 256 pref medium
                blackhole 2001:db8:8::/48 dev lo metric 1024 pref medium
                2001:db8:9::/48 metric 1024 pref medium
                \tnexthop via 2001:db8:1::fe dev eth0 weight 1\s
                \tnexthop via 2001:db8:2::fe dev eth1 weight 1\s
                fe80::/64 dev eth0 proto kernel metric 256 pref medium
                fe80::/64 dev eth1 proto kernel metric 256 pref medium
                default via 2001:db8:1::fe dev eth0 metric 1024 pref medium
                """, ip("-6 route show").out());
        // the real table local also has broadcast routes, which the appliance does not model
        assertEquals("""
                local 10.0.1.1 dev eth0 proto kernel scope host src 10.0.1.1\s
                local 10.0.2.1 dev eth1 proto kernel scope host src 10.0.2.1\s
                local 10.0.2.5 dev eth1 proto kernel scope host src 10.0.2.1\s
                """, ip("route show table local").out());
        assertEquals("""
                local 2001:db8:1::1 dev eth0 proto kernel metric 0 pref medium
                local 2001:db8:2::1 dev eth1 proto kernel metric 0 pref medium
                """, ip("-6 route show table local").out());
    }

    @Test
    void routeGetIsIproute2s() {
        assertEquals("10.0.2.2 dev eth1 src 10.0.2.1 uid 0 \n    cache \n", ip("route get 10.0.2.2").out());
        assertEquals("10.3.0.9 dev eth1 src 10.0.2.1 uid 0 \n    cache \n", ip("route get 10.3.0.9").out());
        assertEquals("8.8.8.8 via 10.0.1.254 dev eth0 src 10.0.1.1 uid 0 \n    cache \n", ip("route get 8.8.8.8").out());
        assertEquals("local 10.0.2.1 dev lo src 10.0.2.1 uid 0 \n    cache <local> \n", ip("route get 10.0.2.1").out());
        assertEquals("2001:db8:2::2 from :: dev eth1 proto kernel src 2001:db8:2::1 metric 256 pref medium\n",
                ip("-6 route get 2001:db8:2::2").out());
        assertEquals("local 2001:db8:1::1 from :: dev lo table local proto kernel src 2001:db8:1::1 metric 0 pref medium\n",
                ip("route get 2001:db8:1::1").out());
        assertEquals("2001:db9::1 from :: via 2001:db8:1::fe dev eth0 src 2001:db8:1::1 metric 1024 pref medium\n",
                ip("route get 2001:db9::1").out());
        refused("route get 10.8.0.1", 2, "RTNETLINK answers: Invalid argument");
        refused("route get 10.7.0.1", 2, "RTNETLINK answers: No route to host");
        refused("route get 10.6.0.1", 2, "RTNETLINK answers: Permission denied");
        ok("route del default");
        refused("route get 8.8.8.8", 2, "RTNETLINK answers: Network is unreachable");
    }

    @Test
    void errorsNameTheBadWord() {
        refused("route add 10.0.0.300/24 dev eth0", 1, "Error: any valid prefix is expected rather than \"10.0.0.300/24\".");
        refused("-6 route add 10.5.0.0/16 dev eth0", 1, "Error: inet6 prefix is expected rather than \"10.5.0.0/16\".");
        refused("-4 route add 2001::/16 dev eth0", 1, "Error: inet prefix is expected rather than \"2001::/16\".");
        refused("route add 10.3.0.0/16 via 10.0.2.254 metric 100", 2, "RTNETLINK answers: File exists");
        refused("route del 10.55.0.0/16", 2, "RTNETLINK answers: No such process");
        refused("route add 10.0.1.0/24 dev eth1", 2, "RTNETLINK answers: File exists"); // the connected route's
        ok("route add 10.0.1.0/24 dev eth1 metric 5");
        refused("-6 route add 2001:db8:1::/64 dev eth1 metric 256", 2, "RTNETLINK answers: File exists");
        refused("route del 10.3.0.0/16 via 10.0.2.9", 2, "RTNETLINK answers: No such process");
        refused("addr add 10.0.1.1/24 dev eth0", 2, "Error: ipv4: Address already assigned.");
        refused("addr del 10.0.77.1/24 dev eth0", 2, "Error: ipv4: Address not found.");
        refused("-6 addr add 2001:db8:1::1/64 dev eth0", 2, "Error: ipv6: address already assigned.");
        refused("-6 addr del 2001:db8:1::77/64 dev eth0", 2, "Error: ipv6: address not found.");
        refused("route add 10.5.0.0/16 via 10.99.0.1", 2, "Error: Nexthop has invalid gateway.");
        refused("route add 10.5.0.0/16 foo bar", 255, "Error: either \"to\" is duplicate, or \"foo\" is a garbage.");
        refused("addr add 10.0.9.9/24 dev eth0 foo", 255, "Error: either \"local\" is duplicate, or \"foo\" is a garbage.");
        refused("route add 10.5.0.1/16 dev eth0", 2, "Error: Invalid prefix for given prefix length.");
        refused("route add 10.5.0.0/16 via 10.0.1.9 metric x", 255, "Error: argument \"x\" is wrong: \"metric\" value is invalid\n");
        refused("route add 10.5.0.0/16 nexthop via 10.0.1.2 weight 0", 255, "Error: argument \"0\" is wrong: \"weight\" is invalid\n");
        refused("route add 10.55.0.0/16", 2, "RTNETLINK answers: No such device");
        refused("-6 route add 2001:db8:44::/48 via fe80::99", 2, "Error: Egress device not specified.");
        refused("route foo", 255, "Command \"foo\" is unknown, try \"ip route help\".");
        refused("addr foo", 255, "Command \"foo\" is unknown, try \"ip address help\".");
        refused("foo", 1, "Object \"foo\" is unknown, try \"ip help\".");
    }

    @Test
    void replaceDeleteAndProtoStatic() {
        ok("route add 10.5.0.0/16 via 10.0.1.9 metric 7 proto static");
        refused("route add 10.5.0.0/16 via 10.0.2.9 metric 7 proto static", 2, "RTNETLINK answers: File exists");
        assertEquals("10.5.0.0/16 via 10.0.1.9 dev eth0 proto static metric 7 \n", ip("route show 10.5.0.0/16").out());
        ok("route replace 10.5.0.0/16 dev eth1 metric 7");
        assertEquals("10.5.0.0/16 dev eth1 scope link metric 7 \n", ip("route show 10.5.0.0/16").out());
        ok("route add blackhole 10.9.9.0/24 metric 3");
        assertEquals("blackhole 10.9.9.0/24 metric 3 \n", ip("route show 10.9.9.0/24").out());
        ok("route add 10.61.0.0/16 proto static metric 9 nexthop via 10.0.1.254");
        assertEquals("10.61.0.0/16 via 10.0.1.254 dev eth0 proto static metric 9 \n", ip("route show 10.61.0.0/16").out());
        ok("route add 10.59.0.1 dev eth0");
        assertEquals("10.59.0.1 dev eth0 scope link \n", ip("route show 10.59.0.1").out());
        ok("-6 route add 2001:db8:77::/48 via 2001:db8:1::fe proto static");
        assertEquals("2001:db8:77::/48 via 2001:db8:1::fe dev eth0 proto static metric 1024 pref medium\n",
                ip("-6 route show 2001:db8:77::/48").out());
        ok("-6 route del 2001:db8:77::/48");
        assertEquals("", ip("-6 route show 2001:db8:77::/48").out());
        ok("route del 10.3.0.0/16 via 10.0.2.254");
        assertEquals("10.3.0.0/16 via 10.0.1.254 dev eth0 \n", ip("route show 10.3.0.0/16").out());
    }

    @Test
    void addrShowIsIproute2s() {
        ok("-6 addr add 2001:db8:3::1/64 dev eth1");
        ok("-6 addr add fe80::1/64 dev eth1");
        assertEquals("""
                2: eth1:
                    inet 10.0.2.1/24 scope global eth1
                       valid_lft forever preferred_lft forever
                    inet 10.0.2.5/24 scope global secondary eth1
                       valid_lft forever preferred_lft forever
                    inet6 fe80::1/64 scope link\s
                       valid_lft forever preferred_lft forever
                    inet6 2001:db8:3::1/64 scope global\s
                       valid_lft forever preferred_lft forever
                    inet6 2001:db8:2::1/64 scope global\s
                       valid_lft forever preferred_lft forever
                """, ip("addr show dev eth1").out());
        assertEquals("""
                1: eth0:
                    inet 10.0.1.1/24 scope global eth0
                       valid_lft forever preferred_lft forever
                2: eth1:
                    inet 10.0.2.1/24 scope global eth1
                       valid_lft forever preferred_lft forever
                    inet 10.0.2.5/24 scope global secondary eth1
                       valid_lft forever preferred_lft forever
                """, ip("-4 addr").out());
        ok("addr del 10.0.2.5/24 dev eth1");
        assertEquals("", ip("route show table local").out().contains("10.0.2.5") ? "still there" : "");
    }
}
