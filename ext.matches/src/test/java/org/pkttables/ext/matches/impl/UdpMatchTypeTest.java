package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.ExtArgs;
import org.pkttables.tables.testing.Packets;

class UdpMatchTypeTest {
    private final UdpMatchType type = new UdpMatchType();

    private String listed(String line) {
        return ExtArgs.text(type.descriptor(), type.canonicalize(ExtArgs.parse(type.descriptor(), Family.IPV6, 17, line)));
    }

    private Match match(String line) {
        return type.compile(type.canonicalize(ExtArgs.parse(type.descriptor(), Family.IPV4, 17, line)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--destination-port 53 --source-port 1024:; --sport 1024:65535 --dport 53",
        "--dport :; ''",
        "--dport 022; --dport 22",
        // iptables-nft 1.8.9 drops an inverted full range too, and keeps a reversed range as given
        "! --dport :; ''",
        "--dport 4:3; --dport 4:3",
    })
    void listsCanonically(String in, String out) {
        assertEquals(out, listed(in));
    }

    // iptables-nft 1.8.9 wraps 65536 to 0; the .t suite calls it an error, and so do we.
    @ParameterizedTest
    @ValueSource(strings = {"--sport 65536", "--dport 0x35", "--dport -1"})
    void rejects(String in) {
        assertThrows(IllegalArgumentException.class, () -> match(in));
    }

    private static PacketContext udp(int sport, int dport) {
        return Packets.ctx4(Packets.ipv4(17, Packets.udp(sport, dport)));
    }

    @Test
    void aReversedRangeMatchesNoPortAndItsInversionAll() {
        assertFalse(match("--dport 4:3").matches(udp(5000, 3)));
        assertFalse(match("--dport 4:3").matches(udp(5000, 4)));
        assertTrue(match("! --dport 4:3").matches(udp(5000, 4)));
    }

    @Test
    void theMatchVanishesOnlyForAnInvertedFullRange() {
        assertTrue(type.vanishes(ExtArgs.parse(type.descriptor(), Family.IPV4, 17, "! --sport :")));
        assertTrue(type.vanishes(ExtArgs.parse(type.descriptor(), Family.IPV4, 17, "--sport : ! --dport 0:65535")));
        assertFalse(type.vanishes(ExtArgs.parse(type.descriptor(), Family.IPV4, 17, "--sport :")));
        assertFalse(type.vanishes(ExtArgs.parse(type.descriptor(), Family.IPV4, 17, "! --sport : --dport 5")));
        assertTrue(match("! --sport :").matches(udp(1, 2)));
    }

    @Test
    void matchesPorts() {
        assertTrue(match("--dport 53").matches(udp(5000, 53)));
        assertFalse(match("--dport 53").matches(udp(53, 5000)));
        assertTrue(match("! --dport 53").matches(udp(53, 5000)));
        assertTrue(match("--sport 5000:5001 --dport 53").matches(udp(5001, 53)));
        assertFalse(match("--sport 5000:5001 --dport 53").matches(udp(5002, 53)));
        assertTrue(match("--sport 68 --dport 67").matches(Packets.ctx6(Packets.ipv6(17, Packets.udp(68, 67)))));
    }

    // Measured through an iptables-nft 1.8.9 router: "udp dport" is a payload load (reads its two bytes
    // only, later IPv4 fragments too); "-p udp -m udp" alone stays xt_udp (drops a header under 8 bytes).
    @Test
    void aCutHeaderMatchesWhenItsPortIsThereAndTheXtFormHotdropsIt() {
        byte[] f = Packets.ipv4(17, Packets.udp(1, 53));
        int uh = Packets.ETH + Packets.IP4;
        for (int len = 0; len < f.length; len++) {
            PacketContext p = Packets.ctx4(f, len);
            assertEquals(len >= uh + 4, match("! --dport 80").matches(p), "cut at " + len);
            assertEquals(len >= uh + 2, match("--sport 1").matches(p), "cut at " + len);
            assertFalse(p.hotdropped());
            PacketContext q = Packets.ctx4(f, len);
            assertFalse(match("").matches(q));
            assertTrue(q.hotdropped(), "cut at " + len);
        }
        assertTrue(match("").matches(Packets.ctx4(f)));
        assertTrue(match("! --dport 80").matches(Packets.laterFragment(udp(1, 53))));
        assertFalse(match("--dport 80").matches(Packets.laterFragment(udp(1, 53))));
        PacketContext later = Packets.laterFragment(udp(1, 53));
        assertFalse(match("").matches(later));
        assertFalse(later.hotdropped());
        assertFalse(match("").matches(Packets.ctx4(Packets.ipv4(6, Packets.tcp(1, 53, 2)))));
    }
}
