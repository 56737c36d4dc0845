package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.tables.testing.ExtArgs;
import org.pkttables.tables.testing.Packets;

class IcmpMatchTypeTest {
    private final IcmpMatchType icmp = new IcmpMatchType();
    private final Icmp6MatchType icmp6 = new Icmp6MatchType();

    private static String listed(MatchType t, Family f, String line) {
        return ExtArgs.text(t.descriptor(), t.canonicalize(ExtArgs.parse(t.descriptor(), f, -1, line)));
    }

    private Match m4(String line) {
        return icmp.compile(ExtArgs.parse(icmp.descriptor(), Family.IPV4, 1, line));
    }

    private Match m6(String line) {
        return icmp6.compile(ExtArgs.parse(icmp6.descriptor(), Family.IPV6, 58, line));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--icmp-type echo-request; --icmp-type 8",
        "--icmp-type any; --icmp-type any",
        "! --icmp-type 255/0:255; ! --icmp-type any",
        "--icmp-type port-unreachable; --icmp-type 3/3",
        "--icmp-type 3/1; --icmp-type 3/1",
        "--icmp-type 3/1:1; --icmp-type 3/1",
    })
    void icmpListing(String in, String out) {
        assertEquals(out, listed(icmp, Family.IPV4, in));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--icmpv6-type neighbour-solicitation; --icmpv6-type 135",
        "--icmpv6-type no-route; --icmpv6-type 1/0",
        "--icmpv6-type 255; --icmpv6-type 255",
        "--icmpv6-type 130; --icmpv6-type 130",
    })
    void icmp6Listing(String in, String out) {
        assertEquals(out, listed(icmp6, Family.IPV6, in));
    }

    @Test
    void errorsNameTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m4("--icmp-type echo"));
        assertEquals("ambiguous ICMP type \"echo\": \"echo-reply\" or \"echo-request\"?", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m6("--icmpv6-type neigh"));
        assertTrue(e.getMessage().contains("neighbour-solicitation"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m4("--icmp-type 3/1:2"));
        assertTrue(e.getMessage().contains("3/1:2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m6("--icmpv6-type any"));
        // newer iptables knows the MLD names, 1.8.9 does not
        assertThrows(IllegalArgumentException.class, () -> m6("--icmpv6-type mld-listener-query"));
        assertThrows(IllegalArgumentException.class, () -> m4("--icmp-type 3/256"));
        assertThrows(IllegalArgumentException.class, () -> icmp.compile(ExtArgs.parse(icmp.descriptor(), Family.IPV4, 1, "")));
    }

    private static PacketContext v4(int type, int code) {
        return Packets.ctx4(Packets.ipv4(1, Packets.icmp(type, code)));
    }

    private static PacketContext v6(int type, int code) {
        return Packets.ctx6(Packets.ipv6(58, Packets.icmp(type, code)));
    }

    @Test
    void icmpTypesAndCodes() {
        assertTrue(m4("--icmp-type echo-request").matches(v4(8, 0)));
        assertFalse(m4("--icmp-type echo-request").matches(v4(0, 0)));
        assertTrue(m4("--icmp-type destination-unreachable").matches(v4(3, 13)));
        assertTrue(m4("--icmp-type 3/1").matches(v4(3, 1)));
        assertFalse(m4("--icmp-type 3/1").matches(v4(3, 3)));
        assertTrue(m4("! --icmp-type 3/1").matches(v4(3, 3)));
        assertTrue(m4("--icmp-type any").matches(v4(42, 7)));
        assertFalse(m4("! --icmp-type any").matches(v4(42, 7)));
    }

    @Test
    void icmp6TypesAndCodes() {
        assertTrue(m6("--icmpv6-type echo-request").matches(v6(128, 0)));
        assertTrue(m6("--icmpv6-type neighbor-advertisement").matches(v6(136, 0)));
        assertFalse(m6("--icmpv6-type 1/4").matches(v6(1, 3)));
        assertTrue(m6("! --icmpv6-type 1/4").matches(v6(1, 3)));
        // ICMPv6 has no "any": type 255 is just type 255
        assertFalse(m6("--icmpv6-type 255").matches(v6(128, 0)));
        assertTrue(m6("--icmpv6-type 255").matches(v6(255, 9)));
        // an ICMP match never fires on an ICMPv6 packet and the other way round
        assertFalse(m4("--icmp-type any").matches(v6(128, 0)));
        assertFalse(m6("--icmpv6-type 128").matches(v4(128, 0)));
    }

    @Test
    void truncatedOrLaterFragmentNeverMatches() {
        byte[] f = Packets.ipv4(1, Packets.icmp(8, 0));
        byte[] f6 = Packets.ipv6(58, Packets.icmp(128, 0));
        for (int len = 0; len < f.length; len++) {
            assertFalse(m4("! --icmp-type 0").matches(Packets.ctx4(f, len)), "cut at " + len);
            assertFalse(m4("--icmp-type any").matches(Packets.ctx4(f, len)), "cut at " + len);
        }
        for (int len = 0; len < f6.length; len++) {
            assertFalse(m6("! --icmpv6-type 1").matches(Packets.ctx6(f6, len)), "cut at " + len);
        }
        assertFalse(m4("--icmp-type any").matches(Packets.laterFragment(v4(8, 0))));
        assertFalse(m6("! --icmpv6-type 1").matches(Packets.laterFragment(v6(128, 0))));
    }
}
