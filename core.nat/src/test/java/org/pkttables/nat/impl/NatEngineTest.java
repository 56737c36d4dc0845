package org.pkttables.nat.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.HookFunction;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConfirmHook;
import org.pkttables.conntrack.impl.ConntrackCommand;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.conntrack.impl.ConntrackHook;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;
import org.pkttables.nat.Ipv4Nat;
import org.pkttables.nat.NatCore;
import org.pkttables.nat.NatServices;

/**
 * The NAT engine through the real core and conntrack, hooked at the priorities its component uses: a
 * forwarded packet goes PREROUTING, FORWARD, POSTROUTING with one context, as in router mode. Rewritten
 * frames are compared byte for byte with frames built afresh with the translated addresses (so every
 * incrementally updated checksum is checked against one computed from scratch).
 */
class NatEngineTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ConntrackEngine engine = new ConntrackEngine(1024, 5, now::get);
    private final NatCore core = new NatCore();
    private Harness h;

    @BeforeEach
    void setUp() {
        h = natHarness(engine, core);
    }

    /** The core with IPv4 and IPv6, conntrack and confirm, the IPv4 NAT targets of {@code core} and its hooks. */
    static Harness natHarness(ConntrackEngine engine, NatCore core) {
        return natHarness(engine, core, new java.util.ArrayList<>());
    }

    /** As {@link #natHarness(ConntrackEngine, NatCore)}; {@code nat} gets what the NAT bundle registers. */
    static Harness natHarness(ConntrackEngine engine, NatCore core, java.util.List<Object> nat) {
        String[] fam = { "ipv4", "ipv6" };
        Harness h = new Harness().with(new org.pkttables.l3.ipv4.impl.Ipv4Handler(),
                new org.pkttables.l3.ipv6.impl.Ipv6Handler()).with(new ConntrackCommand(engine));
        NatServices s = new NatServices(h.ruleset(), Ipv4Nat.INSTANCE, core);
        nat.addAll(s.targets());
        h.with(nat.toArray());
        h.with(new ConntrackHook(engine), Map.of(HookFunction.FAMILY, fam, HookFunction.HOOK,
                new String[] { "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING" },
                HookFunction.PRIORITY, "conntrack"));
        h.with(new ConfirmHook(engine), Map.of(HookFunction.FAMILY, fam, HookFunction.HOOK,
                new String[] { "INPUT", "POSTROUTING" }, HookFunction.PRIORITY, "confirm"));
        for (Map.Entry<HookFunction, Map<String, Object>> e : s.hooks().entrySet()) {
            h.with(e.getKey(), e.getValue());
            nat.add(e.getKey());
        }
        engine.setNatPresent(true);
        return h;
    }

    private void rule(String r) {
        assertEquals(0, h.sh("iptables -t nat " + r).exit(), r);
    }

    /** LAN to WAN through the router; returns the verdict, the frame rewritten in place. */
    private int out(byte[] f) {
        return h.injectPath(Family.IPV4, f, "lan", "wan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING);
    }

    private int in(byte[] f) {
        return h.injectPath(Family.IPV4, f, "wan", "lan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING);
    }

    /** {@code frame} leaves lan for wan as {@code want}. */
    private void outAs(byte[] frame, byte[] want) {
        TranslatedFrames.passesAs(this::out, frame, want);
    }

    /** {@code frame} comes in from wan and leaves for lan as {@code want}. */
    private void inAs(byte[] frame, byte[] want) {
        TranslatedFrames.passesAs(this::in, frame, want);
    }

    private static byte[] udp(String src, String dst, int sp, int dp) {
        return Frames.ipv4(src, dst).udp(sp, dp).payload("hello nat").build();
    }

    @Test
    void sourceNatRewritesAndRepliesAreTranslatedBack() {
        rule("-A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1");
        byte[] f = udp("10.0.0.2", "198.51.100.7", 5000, 53);
        assertEquals(Verdict.ACCEPT, out(f));
        // unique with its own port: the port is kept, the address changes (IP and UDP checksums with it)
        assertArrayEquals(udp("203.0.113.1", "198.51.100.7", 5000, 53), f);
        inAs(udp("198.51.100.7", "203.0.113.1", 53, 5000), udp("198.51.100.7", "10.0.0.2", 53, 5000));
        // later packets: from the binding, without the table (a rule added now changes nothing for them)
        rule("-I POSTROUTING -j SNAT --to-source 203.0.113.99");
        outAs(udp("10.0.0.2", "198.51.100.7", 5000, 53), udp("203.0.113.1", "198.51.100.7", 5000, 53));
        String list = h.sh("conntrack -L").out();
        assertTrue(list.contains("src=10.0.0.2 dst=198.51.100.7 sport=5000 dport=53 "
                + "packets=2 bytes=74 src=198.51.100.7 dst=203.0.113.1 sport=53 dport=5000"), list);
    }

    @Test
    void aClashingPortIsReplacedByTheFirstFreeOneOfTheRange() {
        rule("-A POSTROUTING -o wan -p udp -j SNAT --to-source 203.0.113.1");
        byte[] a = udp("10.0.0.2", "198.51.100.7", 5000, 53);
        byte[] b = udp("10.0.0.3", "198.51.100.7", 5000, 53);
        assertEquals(Verdict.ACCEPT, out(a));
        assertEquals(Verdict.ACCEPT, out(b));
        assertArrayEquals(udp("203.0.113.1", "198.51.100.7", 5000, 53), a);
        assertArrayEquals(udp("203.0.113.1", "198.51.100.7", 1024, 53), b);
        inAs(udp("198.51.100.7", "203.0.113.1", 53, 1024), udp("198.51.100.7", "10.0.0.3", 53, 5000));
    }

    @Test
    void anExhaustedRangeDropsAndCountsTheNewConnection() {
        rule("-A POSTROUTING -o wan -p udp -j SNAT --to-source 203.0.113.1:6000");
        assertEquals(Verdict.ACCEPT, out(udp("10.0.0.2", "198.51.100.7", 5000, 53)));
        assertEquals(Verdict.DROP, out(udp("10.0.0.3", "198.51.100.7", 5000, 53)));
        assertEquals(1, engine.stats().insertFailed());
        assertEquals(1, engine.stats().drop());
        assertEquals(1, core.exhausted.sum());
    }

    @Test
    void destinationNatPortForward() {
        rule("-A PREROUTING -i wan -d 203.0.113.1 -p udp -j DNAT --to-destination 10.0.0.9:53");
        inAs(udp("198.51.100.7", "203.0.113.1", 7000, 8053), udp("198.51.100.7", "10.0.0.9", 7000, 53));
        outAs(udp("10.0.0.9", "198.51.100.7", 53, 7000), udp("203.0.113.1", "198.51.100.7", 8053, 7000));
        String dnat = h.sh("conntrack -L --dst-nat").out();
        assertTrue(dnat.contains("src=198.51.100.7 dst=203.0.113.1 sport=7000 dport=8053 ")
                && dnat.contains("src=10.0.0.9 dst=198.51.100.7 sport=53 dport=7000"), dnat);
        assertTrue(!h.sh("conntrack -L --src-nat").out().contains("dport=8053"), "not a source NAT entry");
    }

    @Test
    void tcpAndIcmpEcho() {
        rule("-A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1");
        outAs(Frames.ipv4("10.0.0.2", "198.51.100.7").tcp(40000, 80).flags(Frames.SYN).seq(1000).build(),
                Frames.ipv4("203.0.113.1", "198.51.100.7").tcp(40000, 80).flags(Frames.SYN).seq(1000).build());
        outAs(Frames.ipv4("10.0.0.2", "198.51.100.7").icmp(8, 0).payload("id").build(),
                Frames.ipv4("203.0.113.1", "198.51.100.7").icmp(8, 0).payload("id").build());
    }

    @Test
    void aUdpDatagramWithoutChecksumKeepsNone() {
        rule("-A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1");
        byte[] f = udp("10.0.0.2", "198.51.100.7", 5000, 53);
        f[14 + 20 + 6] = 0;
        f[14 + 20 + 7] = 0;
        assertEquals(Verdict.ACCEPT, out(f));
        byte[] want = udp("203.0.113.1", "198.51.100.7", 5000, 53);
        want[14 + 20 + 6] = 0;
        want[14 + 20 + 7] = 0;
        assertArrayEquals(want, f);
    }

    @Test
    void withoutTheNatEngineTheBindingStaysAndItsPacketsAreDropped() {
        rule("-A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1");
        assertEquals(Verdict.ACCEPT, out(udp("10.0.0.2", "198.51.100.7", 5000, 53)));
        engine.setNatPresent(false); // the NAT bundle stopped
        byte[] r = udp("198.51.100.7", "203.0.113.1", 53, 5000);
        assertEquals(Verdict.DROP, in(r));
        assertArrayEquals(udp("198.51.100.7", "203.0.113.1", 53, 5000), r); // not half translated either
        assertEquals(1, engine.natOrphans());
        engine.setNatPresent(true); // back: the same connection is translated again
        assertEquals(Verdict.ACCEPT, in(r));
        assertArrayEquals(udp("198.51.100.7", "10.0.0.2", 53, 5000), r);
    }

    @Test
    void anIcmpErrorAboutATranslatedPacketIsTranslatedWithTheQuote() {
        rule("-A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1");
        assertEquals(Verdict.ACCEPT, out(udp("10.0.0.2", "198.51.100.7", 5000, 53)));
        // port unreachable from the server about the packet as it left the router
        byte[] err = Frames.ipv4("198.51.100.7", "203.0.113.1").icmp(3, 3)
                .payload(ip(udp("203.0.113.1", "198.51.100.7", 5000, 53))).build();
        assertEquals(Verdict.ACCEPT, in(err));
        // the client sees an error about the packet it sent: outer destination, quoted source, and every
        // checksum (outer IP, quoted IP, quoted UDP, ICMP) as if built so
        assertArrayEquals(Frames.ipv4("198.51.100.7", "10.0.0.2").icmp(3, 3)
                .payload(ip(udp("10.0.0.2", "198.51.100.7", 5000, 53))).build(), err);
    }

    /** The IP packet of an Ethernet frame. */
    private static byte[] ip(byte[] frame) {
        return java.util.Arrays.copyOfRange(frame, 14, frame.length);
    }

    @Test
    void laterFragmentsAreDroppedOnceNatIsInUse() {
        byte[] frag = Frames.ipv4("10.0.0.2", "198.51.100.7").udp(5000, 53).payload("tail of a datagram")
                .fragment(64, false).build();
        assertEquals(Verdict.ACCEPT, out(frag.clone()), "no NAT binding yet: fragments pass as before");
        rule("-A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1");
        assertEquals(Verdict.ACCEPT, out(udp("10.0.0.2", "198.51.100.7", 5000, 53)));
        assertEquals(Verdict.DROP, out(frag.clone()), "its connection cannot be known: not sent untranslated");
        assertEquals(1, core.fragments.sum());
    }

    @Test
    void aConnectionNoRuleBindsGetsANullBindingThatKeepsItUnique() {
        rule("-A POSTROUTING -s 10.0.0.3 -o wan -p udp -j SNAT --to-source 203.0.113.1");
        // 203.0.113.1:5000 is the router's own flow; a SNAT of 10.0.0.3:5000 must then move to another port
        assertEquals(Verdict.ACCEPT, out(udp("203.0.113.1", "198.51.100.7", 5000, 53)));
        outAs(udp("10.0.0.3", "198.51.100.7", 5000, 53), udp("203.0.113.1", "198.51.100.7", 1024, 53));
    }
}
