package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.tables.testing.Packets;

/**
 * Issue 11, finding 3: the xt matches (run through nft_compat by iptables-nft 1.8.9) drop a packet at once
 * ("hotdrop") when the header they must read is cut short, and never match a later fragment. Each
 * expectation was measured with crafted frames through a kernel router in a network namespace
 * (iptables-nft 1.8.9, kernel 6.18): a packet dropped both under "RULE -j DROP" (policy ACCEPT) and under
 * "RULE -j ACCEPT; -j DROP" was hotdropped.
 */
class ShortHeaderHotdropTest {
    private static final int L4 = Packets.ETH + Packets.IP4;

    /** The match's verdict on the IPv4 frame cut after {@code len} bytes: "match", "no" or "hotdrop". */
    private static String on(Match m, byte[] frame, int len) {
        PacketContext p = Packets.ctx4(frame, len);
        boolean r = m.matches(p);
        if (p.hotdropped()) {
            assertFalse(r, "a match that hotdrops says no");
            return "hotdrop";
        }
        return r ? "match" : "no";
    }

    private static Match v4(MatchType t, int proto, String line) {
        return Compiled.match(t, Family.IPV4, proto, line);
    }

    private static byte[] l4(int n, int... bytes) {
        byte[] b = new byte[n];
        for (int i = 0; i < bytes.length && i < n; i++) {
            b[i] = (byte) bytes[i];
        }
        return b;
    }

    @Test
    void icmpNeedsEightBytesEvenForAnyType() {
        byte[] f = Packets.ipv4(1, Packets.icmp(8, 0));
        for (String line : new String[] { "--icmp-type echo-request", "--icmp-type any" }) {
            Match m = v4(new IcmpMatchType(), 1, line);
            for (int n = 0; n < 8; n++) {
                assertEquals("hotdrop", on(m, f, L4 + n), line + " with " + n + " bytes");
            }
            assertEquals("match", on(m, f, L4 + 8), line);
        }
        PacketContext later = Packets.laterFragment(Packets.ctx4(f));
        assertFalse(v4(new IcmpMatchType(), 1, "--icmp-type any").matches(later));
        assertFalse(later.hotdropped());
    }

    @Test
    void icmpv6NeedsEightBytes() {
        byte[] f = Packets.ipv6(58, Packets.icmp(128, 0));
        Match m = Compiled.match(new Icmp6MatchType(), Family.IPV6, 58, "--icmpv6-type echo-request");
        PacketContext cut = Packets.ctx6(f, Packets.ETH + Packets.IP6 + 7);
        assertFalse(m.matches(cut));
        assertTrue(cut.hotdropped());
        assertTrue(m.matches(Packets.ctx6(f)));
    }

    @Test
    void multiportNeedsBothPorts() {
        byte[] f = Packets.ipv4(17, Packets.udp(1000, 53));
        Match m = v4(new MultiportMatchType(), 17, "--dports 53");
        for (int n = 0; n < 4; n++) {
            assertEquals("hotdrop", on(m, f, L4 + n), n + " bytes");
        }
        assertEquals("match", on(m, f, L4 + 4));
        assertEquals("no", on(v4(new MultiportMatchType(), 17, "--dports 54"), f, L4 + 4));
    }

    @Test
    void sctpNeedsItsCommonHeaderAndReadableNonEmptyChunks() {
        byte[] common = l4(12, 0x03, 0xe8, 0, 5);
        byte[] f = Packets.ipv4(132, common);
        Match ports = v4(new SctpMatchType(), 132, "--dport 5");
        assertEquals("hotdrop", on(ports, f, L4 + 11));
        assertEquals("match", on(ports, f, L4 + 12));
        Match chunks = v4(new SctpMatchType(), 132, "--chunk-types any DATA");
        assertEquals("hotdrop", on(chunks, f, f.length), "no chunk after the common header");
        byte[] zero = Packets.ipv4(132, l4(16, 0x03, 0xe8, 0, 5));
        assertEquals("hotdrop", on(chunks, zero, zero.length), "a chunk of length 0");
        byte[] data = Packets.ipv4(132, l4(16, 0x03, 0xe8, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4));
        assertEquals("match", on(chunks, data, data.length));
        assertEquals("match", on(ports, zero, zero.length), "the chunks are walked only when asked for");
    }

    @Test
    void espAndAhNeedTheWholeKernelStruct() {
        byte[] esp = Packets.ipv4(50, l4(8, 0, 0, 0, 1));
        Match e = v4(new EspMatchType(), 50, "--espspi 1");
        assertEquals("hotdrop", on(e, esp, L4 + 4));
        assertEquals("match", on(e, esp, L4 + 8));
        byte[] ah = Packets.ipv4(51, l4(12, 59, 1, 0, 0, 0, 0, 0, 1));
        Match a = v4(new AhMatchType(), 51, "--ahspi 1");
        assertEquals("hotdrop", on(a, ah, L4 + 8), "the SPI is there, the sequence number is not");
        assertEquals("match", on(a, ah, L4 + 12));
    }

    @Test
    void tcpmssDropsACutHeaderCutOptionsAndABadDataOffsetButReadsLaterFragments() {
        byte[] f = Packets.ipv4(6, Packets.tcp(1, 2, 2, 2, 4, 0x05, 0xb4));
        Match m = v4(new TcpmssMatchType(), 6, "--mss 1:1500");
        assertEquals("hotdrop", on(m, f, L4 + 19));
        assertEquals("hotdrop", on(m, f, L4 + 22), "options cut short");
        assertEquals("match", on(m, f, f.length));
        byte[] doff4 = Packets.ipv4(6, Packets.tcp(1, 2, 2));
        doff4[L4 + 12] = 0x40;
        assertEquals("hotdrop", on(m, doff4, doff4.length));
        PacketContext later = Packets.laterFragment(Packets.ctx4(f));
        assertTrue(m.matches(later), "xt_tcpmss does not look at the fragment offset");
    }

    @Test
    void hashlimitWithAPortModeDropsWhatHasNoPortsToRead() {
        Match m = v4(new HashlimitMatchType(), 17,
                "--hashlimit-above 1000/sec --hashlimit-mode dstport --hashlimit-name shorthdr");
        byte[] f = Packets.ipv4(17, Packets.udp(1000, 53));
        for (int n = 0; n < 4; n++) {
            assertEquals("hotdrop", on(m, f, L4 + n), n + " bytes");
        }
        assertEquals("no", on(m, f, L4 + 4));
        PacketContext later = Packets.laterFragment(Packets.ctx4(f, L4 + 2));
        assertFalse(m.matches(later));
        assertTrue(later.hotdropped(), "IPv4 fragments are read like first ones (measured)");
        Match addrOnly = v4(new HashlimitMatchType(), 17,
                "--hashlimit-above 1000/sec --hashlimit-mode srcip --hashlimit-name shorthdr2");
        assertEquals("no", on(addrOnly, f, L4 + 1), "no port mode: the ports are never read");
    }

    @Test
    void aHotdropLastsUntilTheNextPacket() {
        byte[] f = Packets.ipv4(1, Packets.icmp(8, 0));
        PacketContext p = Packets.ctx4(f, L4 + 4);
        assertFalse(v4(new IcmpMatchType(), 1, "--icmp-type any").matches(p));
        assertTrue(p.hotdropped());
        p.reset(f, 0, f.length);
        assertFalse(p.hotdropped());
    }
}
