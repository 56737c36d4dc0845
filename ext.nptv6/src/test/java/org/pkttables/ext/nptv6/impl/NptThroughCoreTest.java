package org.pkttables.ext.nptv6.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * SNPT on the way out and DNPT on the way in through the real core and IPv6 handler, as a site with the
 * inside prefix fd01:203:405::/48 behind the outside prefix 2001:db8:1::/48 uses them: the addresses are
 * translated, the TCP/UDP/ICMPv6 checksums are left as they were and are still right (recomputed from
 * scratch), and stopping the bundle makes the rules fail closed until it is back.
 */
class NptThroughCoreTest {
    private static final int IP = 14;
    private static final String INSIDE = "fd01:203:405:1::1234";
    private static final String OUTSIDE = "2001:db8:1:d550::1234"; // RFC 6296's translation of INSIDE
    private static final String PEER = "2001:db8:ffff::1";

    private final SnptTargetType snpt = new SnptTargetType();
    private final DnptTargetType dnpt = new DnptTargetType();
    private Harness h;

    @BeforeEach
    void site() {
        h = new Harness().with(new Ipv6Handler(), snpt, dnpt);
        ok("ip6tables -t mangle -A POSTROUTING -s fd01:203:405::/48 -o eth1 -j SNPT --src-pfx fd01:203:405::/48 --dst-pfx 2001:db8:1::/48");
        ok("ip6tables -t mangle -A PREROUTING -d 2001:db8:1::/48 -i eth1 -j DNPT --src-pfx 2001:db8:1::/48 --dst-pfx fd01:203:405::/48");
        ok("ip6tables -t mangle -A POSTROUTING -s fd00:1:2:3::/64 -o eth1 -j SNPT --src-pfx fd00:1:2:3::/64 --dst-pfx 2001:db8:2:3::/64");
    }

    private void ok(String cmd) {
        assertEquals(0, h.sh(cmd).exit(), () -> cmd + ": " + h.sh(cmd).err());
    }

    private int out(byte[] f) {
        return h.inject(Family.IPV6, Hook.POSTROUTING, f, null, "eth1");
    }

    private int in(byte[] f) {
        return h.inject(Family.IPV6, Hook.PREROUTING, f, "eth1", null);
    }

    private static byte[] src(byte[] f) {
        return Arrays.copyOfRange(f, IP + 8, IP + 24);
    }

    private static byte[] dst(byte[] f) {
        return Arrays.copyOfRange(f, IP + 24, IP + 40);
    }

    /** The transport checksum recomputed over pseudo header and segment: 0 when the stored one is right. */
    private static int l4Sum(byte[] f) {
        int len = f.length - IP - 40;
        long sum = 0;
        for (int i = IP + 8; i < IP + 40; i += 2) {
            sum += (f[i] & 0xff) << 8 | (f[i + 1] & 0xff);
        }
        sum += len + (f[IP + 6] & 0xff);
        return Frames.checksum(f, IP + 40, len, sum);
    }

    private static int storedChecksum(byte[] f) {
        int at = IP + 40 + ((f[IP + 6] & 0xff) == 6 ? 16 : (f[IP + 6] & 0xff) == 17 ? 6 : 2);
        return (f[at] & 0xff) << 8 | (f[at + 1] & 0xff);
    }

    private void roundTrip(Frames.Packet outbound, Frames.Packet inbound) {
        byte[] o = outbound.build();
        int csum = storedChecksum(o);
        assertEquals(0, l4Sum(o), "built with a right checksum");
        assertEquals(Verdict.ACCEPT, out(o));
        assertArrayEquals(Frames.addr(OUTSIDE, 16), src(o), "SNPT translated the source");
        assertArrayEquals(Frames.addr(PEER, 16), dst(o));
        assertEquals(csum, storedChecksum(o), "the transport checksum is not touched");
        assertEquals(0, l4Sum(o), "and is still right with the new source");

        byte[] r = inbound.build();
        assertEquals(Verdict.ACCEPT, in(r));
        assertArrayEquals(Frames.addr(INSIDE, 16), dst(r), "DNPT translated the destination back");
        assertEquals(0, l4Sum(r), "the reply's checksum is still right");
    }

    @Test
    void udpOutAndBack() {
        roundTrip(Frames.ipv6(INSIDE, PEER).udp(40000, 53).payload("query"),
                Frames.ipv6(PEER, OUTSIDE).udp(53, 40000).payload("answer!"));
    }

    @Test
    void tcpOutAndBack() {
        roundTrip(Frames.ipv6(INSIDE, PEER).tcp(40001, 443).flags(Frames.SYN).seq(12345),
                Frames.ipv6(PEER, OUTSIDE).tcp(443, 40001).flags(Frames.SYN | Frames.ACK).payload("data"));
    }

    @Test
    void anIcmpv6ErrorAboutATranslatedPacketQuotesTheInsideAddressAfterDnpt() {
        byte[] o = Frames.ipv6(INSIDE, PEER).udp(40000, 53).payload("query").build();
        assertEquals(Verdict.ACCEPT, out(o));
        byte[] quoted = Arrays.copyOfRange(o, IP, o.length);
        byte[] err = Frames.ipv6("2001:db8:ffff::fe", OUTSIDE).icmp(1, 4).payload(quoted).build();
        assertEquals(0, l4Sum(err));
        assertEquals(Verdict.ACCEPT, in(err));
        assertArrayEquals(Frames.addr(INSIDE, 16), dst(err));
        int q = IP + 40 + 8;
        assertArrayEquals(Frames.addr(INSIDE, 16), Arrays.copyOfRange(err, q + 8, q + 24),
                "the quoted packet's source is the inside address again");
        assertEquals(0, l4Sum(err), "the ICMPv6 checksum is still right");
    }

    @Test
    void anAddressThatCannotBeTranslatedIsDropped() {
        byte[] f = Frames.ipv6("fd00:1:2:3:ffff:ffff:ffff:ffff", PEER).udp(1, 2).build();
        assertEquals(Verdict.DROP, out(f));
        // as the kernel translates it (observed with the same rule in a network namespace)
        byte[] g = Frames.ipv6("fd00:1:2:3:ffff:ffff:ffff:fffe", PEER).udp(1, 2).build();
        assertEquals(Verdict.ACCEPT, out(g));
        assertArrayEquals(Frames.addr("2001:db8:2:3:ffff:ffff:ffff:cf47", 16), src(g));
    }

    @Test
    void stoppedBundleFailsClosedAndRebinds() {
        h.without(snpt);
        long before = h.ruleset().failClosedDrops();
        byte[] f = Frames.ipv6(INSIDE, PEER).udp(40000, 53).build();
        assertEquals(Verdict.DROP, out(f), "never sent untranslated");
        assertArrayEquals(Frames.addr(INSIDE, 16), src(f));
        assertEquals(before + 1, h.ruleset().failClosedDrops());
        assertTrue(h.sh("ip6tables-save -t mangle").out()
                .contains("-A POSTROUTING -s fd01:203:405::/48 -o eth1 -j SNPT --src-pfx fd01:203:405::/48 --dst-pfx 2001:db8:1::/48"),
                "the rule stays listed");

        h.with(snpt);
        byte[] g = Frames.ipv6(INSIDE, PEER).udp(40000, 53).build();
        assertEquals(Verdict.ACCEPT, out(g));
        assertArrayEquals(Frames.addr(OUTSIDE, 16), src(g));
        assertEquals(before + 1, h.ruleset().failClosedDrops());
    }
}
