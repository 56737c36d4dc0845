package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.Packets;

/** Matches on fixed IP header fields: length, ttl, hl, tos, dscp, ecn; and pkttype. */
class IpHeaderMatchesTest {
    private static PacketContext v4(int tos, int ttl) {
        byte[] f = Packets.ipv4(17, Packets.udp(1, 2));
        f[Packets.ETH + 1] = (byte) tos;
        f[Packets.ETH + 8] = (byte) ttl;
        return Packets.ctx4(f);
    }

    private static PacketContext v6(int tclass, int hl) {
        byte[] f = Packets.ipv6(17, Packets.udp(1, 2));
        f[Packets.ETH] = (byte) (0x60 | tclass >> 4);
        f[Packets.ETH + 1] = (byte) (tclass << 4 | 0x0a);
        f[Packets.ETH + 7] = (byte) hl;
        return Packets.ctx6(f);
    }

    @Test
    void lengthIsTheIpLength() {
        LengthMatchType t = new LengthMatchType();
        PacketContext p4 = v4(0, 64); // 20 + 8 bytes
        assertTrue(Compiled.v4(t, "--length 28").matches(p4));
        assertFalse(Compiled.v4(t, "--length 29:").matches(p4));
        assertTrue(Compiled.v4(t, "! --length 29:").matches(p4));
        assertFalse(Compiled.v4(t, "--length 4:3").matches(p4));
        PacketContext p6 = v6(0, 64); // 40 + 8 bytes
        assertTrue(Compiled.v6(t, "--length 48").matches(p6));
        assertFalse(Compiled.v6(t, "--length 8").matches(p6));
        assertFalse(Compiled.v4(t, "! --length 1").matches(Packets.ctx4(Packets.ipv4(17, Packets.udp(1, 2)),
                Packets.ETH + 3)), "length field cut short");
    }

    @Test
    void ttlAndHopLimit() {
        TtlMatchType ttl = new TtlMatchType();
        assertTrue(Compiled.v4(ttl, "--ttl-eq 64").matches(v4(0, 64)));
        assertFalse(Compiled.v4(ttl, "! --ttl-eq 64").matches(v4(0, 64)));
        assertTrue(Compiled.v4(ttl, "--ttl-lt 65").matches(v4(0, 64)));
        assertFalse(Compiled.v4(ttl, "--ttl-lt 64").matches(v4(0, 64)));
        assertTrue(Compiled.v4(ttl, "--ttl-gt 63").matches(v4(0, 64)));
        assertTrue(Compiled.v4(ttl, "--ttl-gt 254").matches(v4(0, 255)), "255 is not a negative byte");
        assertThrows(IllegalArgumentException.class, () -> Compiled.v4(ttl, "--ttl-eq 1 --ttl-lt 3"));
        assertThrows(IllegalArgumentException.class, () -> Compiled.v4(ttl, ""));
        assertFalse(Compiled.v4(ttl, "! --ttl-eq 1").matches(Packets.ctx4(Packets.ipv4(17, Packets.udp(1, 2)),
                Packets.ETH + 8)));
        HlMatchType hl = new HlMatchType();
        assertTrue(Compiled.v6(hl, "--hl-eq 255").matches(v6(0, 255)));
        assertTrue(Compiled.v6(hl, "--hl-lt 2").matches(v6(0, 1)));
        assertFalse(Compiled.v6(hl, "--hl-gt 1").matches(v6(0, 1)));
    }

    @Test
    void tosAndTrafficClass() {
        TosMatchType tos = new TosMatchType();
        assertTrue(Compiled.v4(tos, "--tos Minimize-Delay").matches(v4(0x10 | 0xc0, 64)), "mask 0x3f");
        assertFalse(Compiled.v4(tos, "--tos 0x10").matches(v4(0x10 | 0xc0, 64)), "mask 0xff");
        assertTrue(Compiled.v4(tos, "! --tos 0x10").matches(v4(0x11, 64)));
        assertTrue(Compiled.v6(tos, "--tos 0xb8").matches(v6(0xb8, 64)), "traffic class straddles two bytes");
        assertFalse(Compiled.v6(tos, "--tos 0xb8").matches(v6(0xb9, 64)));
    }

    @Test
    void dscpIsTheUpperSixBits() {
        DscpMatchType dscp = new DscpMatchType();
        assertTrue(Compiled.v4(dscp, "--dscp-class EF").matches(v4(0xb8 | 1, 64)));
        assertTrue(Compiled.v4(dscp, "--dscp 46").matches(v4(0xb8, 64)));
        assertFalse(Compiled.v4(dscp, "! --dscp-class EF").matches(v4(0xb8, 64)));
        assertTrue(Compiled.v6(dscp, "--dscp 0x2e").matches(v6(0xba, 64)));
        assertFalse(Compiled.v6(dscp, "--dscp 0x2e").matches(v6(0x00, 64)));
    }

    @Test
    void ecnBitsOfIpAndTcp() {
        EcnMatchType ecn = new EcnMatchType();
        assertTrue(Compiled.v4(ecn, "--ecn-ip-ect 3").matches(v4(0x13, 64)));
        assertFalse(Compiled.v4(ecn, "--ecn-ip-ect 2").matches(v4(0x13, 64)));
        assertTrue(Compiled.v6(ecn, "! --ecn-ip-ect 2").matches(v6(0x01, 64)));
        Match ece = Compiled.match(ecn, Family.IPV4, 6, "--ecn-tcp-ece ! --ecn-tcp-cwr");
        assertTrue(ece.matches(Packets.ctx4(Packets.ipv4(6, Packets.tcp(1, 2, 0x40 | 0x10)))));
        assertFalse(ece.matches(Packets.ctx4(Packets.ipv4(6, Packets.tcp(1, 2, 0xc0)))));
        assertFalse(ece.matches(Packets.ctx4(Packets.ipv4(6, Packets.tcp(1, 2, 0x10)))));
        byte[] f = Packets.ipv4(6, Packets.tcp(1, 2, 0x40));
        assertFalse(ece.matches(Packets.ctx4(f, Packets.ETH + Packets.IP4 + 19)), "TCP header cut short");
        assertThrows(IllegalArgumentException.class, () -> Compiled.match(ecn, Family.IPV4, 17, "--ecn-tcp-ece"));
        assertThrows(IllegalArgumentException.class, () -> Compiled.v4(ecn, ""));
    }

    @Test
    void pkttypeFromTheDestinationMacOrAddress() {
        PkttypeMatchType t = new PkttypeMatchType();
        byte[] f = Packets.ipv4(17, Packets.udp(1, 2));
        assertTrue(Compiled.v4(t, "--pkt-type unicast").matches(Packets.ctx4(f)));
        assertTrue(Compiled.v4(t, "--pkt-type host").matches(Packets.ctx4(f)));
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) 0xff;
        }
        assertTrue(Compiled.v4(t, "--pkt-type broadcast").matches(Packets.ctx4(f)));
        f[5] = 0;
        assertTrue(Compiled.v4(t, "--pkt-type multicast").matches(Packets.ctx4(f)));
        assertFalse(Compiled.v4(t, "! --pkt-type multicast").matches(Packets.ctx4(f)));
        assertFalse(Compiled.v4(t, "--pkt-type otherhost").matches(Packets.ctx4(f)));
        assertFalse(Compiled.v4(t, "! --pkt-type unicast").matches(Packets.ctx4(f, 5)), "MAC cut short");

        // No link layer: the destination address decides.
        byte[] ip = java.util.Arrays.copyOfRange(Packets.ipv4(17, Packets.udp(1, 2)), Packets.ETH, Packets.ETH + 28);
        ip[16] = (byte) 239;
        PacketContext p = new PacketContext().reset(ip, 0, ip.length);
        p.setL3(0, 0x0800);
        p.setFamily(Family.IPV4);
        assertTrue(Compiled.v4(t, "--pkt-type multicast").matches(p));
        ip[16] = ip[17] = ip[18] = ip[19] = (byte) 255;
        assertTrue(Compiled.v4(t, "--pkt-type broadcast").matches(p));
    }
}
