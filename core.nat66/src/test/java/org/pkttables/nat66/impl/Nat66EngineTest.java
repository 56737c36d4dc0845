package org.pkttables.nat66.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.nat.NatCore;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * NAT66: the NAT engine on IPv6 connections through the real core and conntrack, as core.nat's NatEngineTest
 * does for IPv4 (router path PREROUTING, FORWARD, POSTROUTING). Rewritten frames are compared byte for byte
 * with frames built afresh with the translated addresses, so every incrementally updated TCP, UDP and ICMPv6
 * checksum (over the IPv6 pseudo-header) is checked against one computed from scratch.
 */
class Nat66EngineTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ConntrackEngine engine = new ConntrackEngine(1024, 5, now::get);
    private final NatCore core = new NatCore();
    private Harness h;

    @BeforeEach
    void setUp() {
        h = new Nat66Harness(engine, core).harness();
    }

    private void rule(String r) {
        assertEquals(0, h.sh("ip6tables -t nat " + r).exit(), r);
    }

    private int out(byte[] f) {
        return h.injectPath(Family.IPV6, f, "lan", "wan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING);
    }

    private int in(byte[] f) {
        return h.injectPath(Family.IPV6, f, "wan", "lan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING);
    }

    /** {@code frame} leaves lan for wan as {@code want}. */
    private void outAs(byte[] frame, byte[] want) {
        assertEquals(Verdict.ACCEPT, out(frame));
        assertArrayEquals(want, frame);
    }

    /** {@code frame} comes in from wan and leaves for lan as {@code want}. */
    private void inAs(byte[] frame, byte[] want) {
        assertEquals(Verdict.ACCEPT, in(frame));
        assertArrayEquals(want, frame);
    }

    private static byte[] udp(String src, String dst, int sp, int dp) {
        return Frames.ipv6(src, dst).udp(sp, dp).payload("hello nat66").build();
    }

    @Test
    void sourceNatRewritesAndRepliesAreTranslatedBack() {
        rule("-A POSTROUTING -o wan -j SNAT --to-source 2001:db8:ffff::1");
        outAs(udp("fd00::2", "2001:db8:1::7", 5000, 53), udp("2001:db8:ffff::1", "2001:db8:1::7", 5000, 53));
        inAs(udp("2001:db8:1::7", "2001:db8:ffff::1", 53, 5000), udp("2001:db8:1::7", "fd00::2", 53, 5000));
        // later packets from the binding, not the table
        rule("-I POSTROUTING -j SNAT --to-source 2001:db8:ffff::99");
        outAs(udp("fd00::2", "2001:db8:1::7", 5000, 53), udp("2001:db8:ffff::1", "2001:db8:1::7", 5000, 53));
    }

    @Test
    void aClashingPortIsReplacedAndAnExhaustedRangeDrops() {
        rule("-A POSTROUTING -o wan -p udp -j SNAT --to-source [2001:db8:ffff::1]:6000-6001");
        byte[] a = udp("fd00::2", "2001:db8:1::7", 5000, 53);
        byte[] b = udp("fd00::3", "2001:db8:1::7", 5000, 53);
        assertEquals(Verdict.ACCEPT, out(a));
        assertEquals(Verdict.ACCEPT, out(b));
        assertArrayEquals(udp("2001:db8:ffff::1", "2001:db8:1::7", 6000, 53), a);
        assertArrayEquals(udp("2001:db8:ffff::1", "2001:db8:1::7", 6001, 53), b);
        inAs(udp("2001:db8:1::7", "2001:db8:ffff::1", 53, 6001), udp("2001:db8:1::7", "fd00::3", 53, 5000));
        assertEquals(Verdict.DROP, out(udp("fd00::4", "2001:db8:1::7", 5000, 53)));
        assertEquals(1, core.exhausted.sum());
        assertEquals(1, engine.stats().insertFailed());
    }

    @Test
    void destinationNatPortForwardWithBrackets() {
        rule("-A PREROUTING -i wan -d 2001:db8:ffff::1 -p tcp -j DNAT --to-destination [fd00::9]:80");
        byte[] syn = Frames.ipv6("2001:db8:1::7", "2001:db8:ffff::1").tcp(40000, 8080).flags(Frames.SYN).seq(7)
                .build();
        assertEquals(Verdict.ACCEPT, in(syn));
        assertArrayEquals(Frames.ipv6("2001:db8:1::7", "fd00::9").tcp(40000, 80).flags(Frames.SYN).seq(7).build(),
                syn);
        byte[] synAck = Frames.ipv6("fd00::9", "2001:db8:1::7").tcp(80, 40000).flags(Frames.SYN | Frames.ACK)
                .seq(99).build();
        assertEquals(Verdict.ACCEPT, out(synAck));
        assertArrayEquals(Frames.ipv6("2001:db8:ffff::1", "2001:db8:1::7").tcp(8080, 40000)
                .flags(Frames.SYN | Frames.ACK).seq(99).build(), synAck);
    }

    @Test
    void icmpv6EchoIdKeptUniqueAndTranslatedBack() {
        rule("-A POSTROUTING -o wan -j SNAT --to-source 2001:db8:ffff::1");
        byte[] p1 = Frames.ipv6("fd00::2", "2001:db8:1::7").icmp(128, 0).payload("ping").build();
        byte[] p2 = Frames.ipv6("fd00::3", "2001:db8:1::7").icmp(128, 0).payload("ping").build();
        assertEquals(Verdict.ACCEPT, out(p1));
        assertEquals(Verdict.ACCEPT, out(p2));
        assertArrayEquals(Frames.ipv6("2001:db8:ffff::1", "2001:db8:1::7").icmp(128, 0).payload("ping").build(), p1);
        // the same echo id (the builder's 1) from a second client: another id, the first free one (0), with
        // the checksum updated for it
        byte[] want2 = Frames.ipv6("2001:db8:ffff::1", "2001:db8:1::7").icmp(128, 0).payload("ping").build();
        want2[14 + 40 + 4] = 0;
        want2[14 + 40 + 5] = 0;
        fixIcmp6(want2);
        assertArrayEquals(want2, p2);
        byte[] reply = Frames.ipv6("2001:db8:1::7", "2001:db8:ffff::1").icmp(129, 0).payload("ping").build();
        reply[14 + 40 + 5] = 0;
        fixIcmp6(reply);
        assertEquals(Verdict.ACCEPT, in(reply));
        assertArrayEquals(Frames.ipv6("2001:db8:1::7", "fd00::3").icmp(129, 0).payload("ping").build(), reply);
    }

    /** Computes the ICMPv6 checksum of an Ethernet frame from scratch. */
    private static void fixIcmp6(byte[] f) {
        int l3 = 14;
        int l4 = l3 + 40;
        int len = f.length - l4;
        f[l4 + 2] = 0;
        f[l4 + 3] = 0;
        long sum = 58 + len;
        for (int i = l3 + 8; i < l3 + 40; i += 2) {
            sum += ((f[i] & 0xff) << 8) | (f[i + 1] & 0xff);
        }
        int c = Frames.checksum(f, l4, len, sum);
        f[l4 + 2] = (byte) (c >>> 8);
        f[l4 + 3] = (byte) c;
    }

    @Test
    void anIcmpv6ErrorAboutATranslatedPacketIsTranslatedWithTheQuote() {
        rule("-A POSTROUTING -o wan -j SNAT --to-source 2001:db8:ffff::1");
        assertEquals(Verdict.ACCEPT, out(udp("fd00::2", "2001:db8:1::7", 5000, 53)));
        byte[] err = Frames.ipv6("2001:db8:1::7", "2001:db8:ffff::1").icmp(1, 4)
                .payload(ip(udp("2001:db8:ffff::1", "2001:db8:1::7", 5000, 53))).build();
        assertEquals(Verdict.ACCEPT, in(err));
        assertArrayEquals(Frames.ipv6("2001:db8:1::7", "fd00::2").icmp(1, 4)
                .payload(ip(udp("fd00::2", "2001:db8:1::7", 5000, 53))).build(), err);
    }

    private static byte[] ip(byte[] frame) {
        return java.util.Arrays.copyOfRange(frame, 14, frame.length);
    }

    @Test
    void netmapMapsThePrefixAndKeepsTheHostPart() {
        rule("-A POSTROUTING -o wan -s fd00::/64 -j NETMAP --to 2001:db8:aaaa:bbbb::/64");
        outAs(udp("fd00::1234:5678:9abc:def0", "2001:db8:1::7", 5000, 53),
                udp("2001:db8:aaaa:bbbb:1234:5678:9abc:def0", "2001:db8:1::7", 5000, 53));
    }

    @Test
    void masqueradeTakesThePortsIpv6AddressAndDropsWithoutOne() {
        core.setAddresses(new NatCore.Addresses() {
            @Override
            public long ipv4(String iface, PacketContext p) {
                return -1;
            }

            @Override
            public long[] ipv6(String iface, PacketContext p) {
                return "wan".equals(iface) ? new long[] { 0x20010db8_00090000L, 0x5L } : null;
            }
        });
        rule("-A POSTROUTING -j MASQUERADE");
        outAs(udp("fd00::2", "2001:db8:1::7", 5000, 53), udp("2001:db8:9::5", "2001:db8:1::7", 5000, 53));
        inAs(udp("2001:db8:1::7", "2001:db8:9::5", 53, 5000), udp("2001:db8:1::7", "fd00::2", 53, 5000));
        // out of a port without an IPv6 address: dropped and counted, never sent untranslated
        assertEquals(Verdict.DROP, h.injectPath(Family.IPV6, udp("fd00::2", "2001:db8:1::8", 5001, 53), "lan", "dmz",
                Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING));
        assertEquals(1, core.noAddress.sum());
    }

    @Test
    void laterIpv6FragmentsAreDroppedOnceNatIsInUse() {
        byte[] frag = Frames.ipv6("fd00::2", "2001:db8:1::7").udp(5000, 53).payload("tail of a datagram")
                .fragment(64, false).build();
        assertEquals(Verdict.ACCEPT, out(frag.clone()), "no NAT binding yet: fragments pass as before");
        rule("-A POSTROUTING -o wan -j SNAT --to-source 2001:db8:ffff::1");
        assertEquals(Verdict.ACCEPT, out(udp("fd00::2", "2001:db8:1::7", 5000, 53)));
        assertEquals(Verdict.DROP, out(frag.clone()), "its connection cannot be known: not sent untranslated");
        assertEquals(1, core.fragments.sum());
    }
}
