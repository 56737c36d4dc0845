package org.pkttables.nat66.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.nat.NatCore;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * core.nat66 stops and starts on its own: while it is stopped, packets of IPv6 connections it bound are
 * dropped and counted (never forwarded untranslated), a new IPv6 connection reaching an ip6tables NAT rule
 * is dropped and counted, and IPv4 NAT (core.nat) keeps translating; started again, the same IPv6
 * connection is translated again from its binding.
 */
class Nat66StopStartTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ConntrackEngine engine = new ConntrackEngine(1024, 5, now::get);
    private final Nat66Harness nat = new Nat66Harness(engine, new NatCore());
    private final Harness h = nat.harness();

    private int out(Family f, byte[] frame) {
        return h.injectPath(f, frame, "lan", "wan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING);
    }

    private int in(Family f, byte[] frame) {
        return h.injectPath(f, frame, "wan", "lan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING);
    }

    /** {@code frame} leaves lan for wan as {@code want}. */
    private void outAs(Family f, byte[] frame, byte[] want) {
        assertEquals(Verdict.ACCEPT, out(f, frame));
        assertArrayEquals(want, frame);
    }

    /** {@code frame} comes in from wan and leaves for lan as {@code want}. */
    private void inAs(Family f, byte[] frame, byte[] want) {
        assertEquals(Verdict.ACCEPT, in(f, frame));
        assertArrayEquals(want, frame);
    }

    private static byte[] udp6(String src, String dst, int sp, int dp) {
        return Frames.ipv6(src, dst).udp(sp, dp).payload("hello nat66").build();
    }

    private static byte[] udp4(String src, String dst, int sp, int dp) {
        return Frames.ipv4(src, dst).udp(sp, dp).payload("hello nat").build();
    }

    @Test
    void ipv6FailsClosedWhileIpv4KeepsTranslatingAndIpv6ResumesAfterTheRestart() {
        assertEquals(0, h.sh("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1").exit());
        assertEquals(0, h.sh("ip6tables -t nat -A POSTROUTING -o wan -j SNAT --to-source 2001:db8:ffff::1").exit());
        outAs(Family.IPV6, udp6("fd00::2", "2001:db8:1::7", 5000, 53),
                udp6("2001:db8:ffff::1", "2001:db8:1::7", 5000, 53));
        outAs(Family.IPV4, udp4("10.0.0.2", "198.51.100.7", 5000, 53), udp4("203.0.113.1", "198.51.100.7", 5000, 53));

        nat.stop66();
        long orphans = engine.natOrphans();
        long failClosed = h.ruleset().failClosedDrops();
        // the bound IPv6 connection, both ways: dropped and counted, the frames untouched
        byte[] again6 = udp6("fd00::2", "2001:db8:1::7", 5000, 53);
        assertEquals(Verdict.DROP, out(Family.IPV6, again6));
        assertArrayEquals(udp6("fd00::2", "2001:db8:1::7", 5000, 53), again6, "not translated");
        assertEquals(Verdict.DROP, in(Family.IPV6, udp6("2001:db8:1::7", "2001:db8:ffff::1", 53, 5000)));
        assertEquals(orphans + 2, engine.natOrphans());
        // a new IPv6 connection reaching the ip6tables SNAT rule, whose target is gone: dropped, counted
        assertEquals(Verdict.DROP, out(Family.IPV6, udp6("fd00::3", "2001:db8:1::7", 6000, 53)));
        assertTrue(h.ruleset().failClosedDrops() > failClosed, "counted as a fail-closed drop");
        // IPv4 goes on: the bound connection both ways and a new one
        outAs(Family.IPV4, udp4("10.0.0.2", "198.51.100.7", 5000, 53), udp4("203.0.113.1", "198.51.100.7", 5000, 53));
        inAs(Family.IPV4, udp4("198.51.100.7", "203.0.113.1", 53, 5000), udp4("198.51.100.7", "10.0.0.2", 53, 5000));
        outAs(Family.IPV4, udp4("10.0.0.3", "198.51.100.7", 7000, 53), udp4("203.0.113.1", "198.51.100.7", 7000, 53));
        assertTrue(h.run("ip6tables-save", "-t", "nat").out().contains("-j SNAT --to-source 2001:db8:ffff::1"),
                "the ip6tables rule stays");

        nat.start66();
        // translated again
        outAs(Family.IPV6, udp6("fd00::2", "2001:db8:1::7", 5000, 53),
                udp6("2001:db8:ffff::1", "2001:db8:1::7", 5000, 53));
        inAs(Family.IPV6, udp6("2001:db8:1::7", "2001:db8:ffff::1", 53, 5000),
                udp6("2001:db8:1::7", "fd00::2", 53, 5000));
        outAs(Family.IPV6, udp6("fd00::3", "2001:db8:1::7", 6000, 53),
                udp6("2001:db8:ffff::1", "2001:db8:1::7", 6000, 53));
    }
}
