package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.Packets;

class SctpU32Test {
    private final SctpMatchType sctp = new SctpMatchType();
    private final U32MatchType u32 = new U32MatchType();

    /** SCTP common header plus chunks given as {type, flags, length}; each chunk padded to 4 bytes (at least 4). */
    private static byte[] sctp(int sport, int dport, int[]... chunks) {
        int n = 12;
        for (int[] c : chunks) {
            n += Math.max(4, (c[2] + 3) & ~3);
        }
        byte[] h = new byte[n];
        h[0] = (byte) (sport >> 8);
        h[1] = (byte) sport;
        h[2] = (byte) (dport >> 8);
        h[3] = (byte) dport;
        int at = 12;
        for (int[] c : chunks) {
            h[at] = (byte) c[0];
            h[at + 1] = (byte) c[1];
            h[at + 2] = (byte) (c[2] >> 8);
            h[at + 3] = (byte) c[2];
            at += Math.max(4, (c[2] + 3) & ~3);
        }
        return h;
    }

    private Match m(String line) {
        return Compiled.match(sctp, Family.IPV4, 132, line);
    }

    private static PacketContext pkt(byte[] l4) {
        return Packets.ctx4(Packets.ipv4(132, l4));
    }

    @Test
    void portsAndChunkModes() {
        // DATA with flags B|E (0x03), then SACK.
        PacketContext p = pkt(sctp(5000, 80, new int[] {0, 0x03, 17}, new int[] {3, 0, 16}));
        assertTrue(m("--dport 80 --sport 4000:6000").matches(p));
        assertFalse(m("! --dport 80").matches(p));
        assertTrue(m("--chunk-types any DATA").matches(p));
        assertTrue(m("--chunk-types any INIT,SACK").matches(p));
        assertFalse(m("--chunk-types any INIT").matches(p));
        assertTrue(m("! --chunk-types any INIT").matches(p));
        assertTrue(m("--chunk-types all DATA,SACK").matches(p));
        assertFalse(m("--chunk-types all DATA,SACK,INIT").matches(p));
        assertTrue(m("--chunk-types only DATA,SACK,INIT").matches(p));
        assertFalse(m("--chunk-types only DATA").matches(p));
        assertTrue(m("--chunk-types any DATA:BE").matches(p));
        assertTrue(m("--chunk-types any DATA:Bi").matches(p));
        assertFalse(m("--chunk-types any DATA:b").matches(p));
        assertFalse(m("--chunk-types all DATA:U,SACK").matches(p), "flags must match for all too");
    }

    @Test
    void malformedChunksAndFragmentsNeverMatch() {
        assertFalse(m("! --chunk-types any INIT").matches(pkt(sctp(1, 2, new int[] {0, 0, 0}))), "zero length");
        byte[] f = Packets.ipv4(132, sctp(1, 2, new int[] {1, 0, 20}));
        for (int len = 0; len < Packets.ETH + Packets.IP4 + 16; len++) {
            assertFalse(m("--chunk-types any INIT").matches(Packets.ctx4(f, len)), "cut at " + len);
        }
        assertFalse(m("").matches(Packets.laterFragment(pkt(sctp(1, 2, new int[] {1, 0, 4})))));
        assertThrows(IllegalArgumentException.class, () -> m("--dport 5:4"));
    }

    private Match u(String expr) {
        return Compiled.v4(u32, "--u32 '" + expr + "'");
    }

    @Test
    void u32ReadsWordsFromTheIpHeader() {
        PacketContext udp = Packets.ctx4(Packets.ipv4(17, Packets.udp(1234, 53)));
        assertTrue(u("6&0xFF=17").matches(udp), "protocol byte");
        assertFalse(u("6&0xFF=6").matches(udp));
        assertTrue(u("0>>22&0x3C@0>>16=1234").matches(udp), "source port via the header length");
        assertTrue(u("0>>22&0x3C@0&0xFFFF=53").matches(udp));
        assertTrue(u("6&0xFF=1:3,17&&0>>22&0x3C@0&0xFFFF=50:60").matches(udp));
        assertFalse(u("6&0xFF=17&&0>>22&0x3C@0&0xFFFF=54").matches(udp), "all tests must hold");
        assertTrue(Compiled.v4(u32, "! --u32 '6&0xFF=6'").matches(udp));
        assertTrue(u("0>>28<<28=0x40000000").matches(udp));
    }

    @Test
    void u32NeverReadsBeyondTheIpPacket() {
        byte[] f = Packets.ipv4(17, Packets.udp(1, 2)); // 28 bytes of IP
        assertTrue(u("24=0x00080000:0x0008ffff").matches(Packets.ctx4(f)), "last word: UDP length and checksum");
        assertFalse(u("25=0:0xffffffff").matches(Packets.ctx4(f)), "would end past the packet");
        byte[] padded = java.util.Arrays.copyOf(f, f.length + 8);
        assertFalse(u("28=0").matches(Packets.ctx4(padded)), "link-layer padding is not the packet");
        assertTrue(u("0>>22&0x3C@4=0:0xffffffff").matches(Packets.ctx4(f)), "@: 20 + 4 ends the packet exactly");
        assertFalse(u("0>>22&0x3C@5=0:0xffffffff").matches(Packets.ctx4(f)), "@ past the end");
        assertFalse(u("0@0xfffffffc=0:0xffffffff").matches(Packets.ctx4(f)), "@ overflow");
        assertFalse(Compiled.v4(u32, "! --u32 '0=0:0xffffffff'").matches(Packets.ctx4(f, Packets.ETH + 3)));
    }

    @Test
    void u32ListsCanonicalHex() {
        assertEquals("--u32 \"0x6&0xff=0x1:0x3,0x11\"", Compiled.listed(u32, Family.IPV4, -1, "--u32 '6 & 0xFF = 1:3, 17'"));
        assertEquals("--u32 \"0x0=0x0\"", Compiled.listed(u32, Family.IPV4, -1, "--u32 '\"0x0=0x0\"'"),
                "the quoted listing reads back");
        assertThrows(IllegalArgumentException.class, () -> u("0>>32=0"));
        assertThrows(IllegalArgumentException.class, () -> u("08=0"));
    }
}
