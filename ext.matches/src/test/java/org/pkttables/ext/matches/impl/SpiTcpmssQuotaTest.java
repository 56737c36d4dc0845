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

class SpiTcpmssQuotaTest {
    private static byte[] spiHeader(int spiAt, long spi) {
        byte[] h = new byte[16];
        for (int i = 0; i < 4; i++) {
            h[spiAt + i] = (byte) (spi >>> (24 - 8 * i));
        }
        return h;
    }

    @Test
    void espAndAhSpi() {
        EspMatchType esp = new EspMatchType();
        PacketContext p4 = Packets.ctx4(Packets.ipv4(50, spiHeader(0, 0xfffffffeL)));
        assertTrue(Compiled.match(esp, Family.IPV4, 50, "--espspi 0xfffffff0:").matches(p4));
        assertFalse(Compiled.match(esp, Family.IPV4, 50, "! --espspi 0xfffffff0:").matches(p4));
        assertTrue(Compiled.match(esp, Family.IPV4, 50, "! --espspi 0:4294967295").matches(p4), "dropped, as listed");
        assertFalse(Compiled.match(esp, Family.IPV4, 50, "").matches(Packets.laterFragment(p4)));
        assertFalse(Compiled.match(esp, Family.IPV4, 50, "").matches(
                Packets.ctx4(Packets.ipv4(50, spiHeader(0, 1)), Packets.ETH + Packets.IP4 + 3)));
        assertTrue(Compiled.match(esp, Family.IPV6, 50, "--espspi 7").matches(
                Packets.ctx6(Packets.ipv6(50, spiHeader(0, 7)))));
        AhMatchType ah = new AhMatchType();
        assertTrue(Compiled.match(ah, Family.IPV4, 51, "--ahspi 7").matches(
                Packets.ctx4(Packets.ipv4(51, spiHeader(4, 7)))));
        assertFalse(Compiled.match(ah, Family.IPV4, 51, "--ahspi 7").matches(
                Packets.ctx4(Packets.ipv4(51, spiHeader(0, 7)))));
    }

    @Test
    void tcpmssReadsTheMssOption() {
        TcpmssMatchType t = new TcpmssMatchType();
        Match m = Compiled.match(t, Family.IPV4, 6, "--mss 1000:1460");
        // NOP, NOP, MSS 1460
        PacketContext syn = Packets.ctx4(Packets.ipv4(6, Packets.tcp(1, 2, 2, 1, 1, 2, 4, 0x05, 0xb4)));
        assertTrue(m.matches(syn));
        assertFalse(Compiled.match(t, Family.IPV4, 6, "! --mss 1000:1460").matches(syn));
        PacketContext noMss = Packets.ctx4(Packets.ipv4(6, Packets.tcp(1, 2, 2)));
        assertFalse(m.matches(noMss));
        assertTrue(Compiled.match(t, Family.IPV4, 6, "! --mss 1000").matches(noMss), "no option: only inverted");
        byte[] f = Packets.ipv4(6, Packets.tcp(1, 2, 2, 1, 1, 2, 4, 0x05, 0xb4));
        for (int len = 0; len < f.length; len++) {
            assertFalse(Compiled.match(t, Family.IPV4, 6, "! --mss 1").matches(Packets.ctx4(f, len)), "cut at " + len);
        }
        assertThrows(IllegalArgumentException.class, () -> Compiled.match(t, Family.IPV4, 17, "--mss 1"));
    }

    @Test
    void quotaCountsIpBytesUntilSpent() {
        QuotaMatchType t = new QuotaMatchType();
        PacketContext p = Packets.ctx4(Packets.ipv4(17, Packets.udp(1, 2))); // 28 IP bytes
        Match m = Compiled.v4(t, "--quota 60");
        assertTrue(m.matches(p));
        assertTrue(m.matches(p));
        assertFalse(m.matches(p), "4 bytes left");
        assertFalse(m.matches(p));
        Match inv = Compiled.v4(t, "! --quota 30");
        assertFalse(inv.matches(p));
        assertTrue(inv.matches(p));
        assertTrue(Compiled.v4(t, "--quota 18446744073709551615").matches(p), "unsigned 64-bit budget");
    }

    @Test
    void quotaIsExactUnderConcurrency() throws InterruptedException {
        Match m = Compiled.v4(new QuotaMatchType(), "--quota " + 28 * 1000);
        assertEquals(1000, Workers.matched(m, 4, 500));
    }
}
