package org.pkttables.l3.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProtocolsTest {
    @Test
    void namesAndNumbersAsIptablesPrintsThem() {
        // iptables v1.8.9 -S: "-p 47" and "-p gre" both list as "-p gre", "-p 58" and "-p icmpv6" as ipv6-icmp.
        assertEquals("gre", Protocols.name(Protocols.number("47")));
        assertEquals("ipv6-icmp", Protocols.name(Protocols.number("icmpv6")));
        assertEquals("mobility-header", Protocols.name(Protocols.number("mh")));
        assertEquals("tcp", Protocols.name(Protocols.number("TCP")));
        assertEquals("udplite", Protocols.name(136));
        assertEquals("ipv6-frag", Protocols.name(44));
        assertEquals("255", Protocols.name(255));
        assertEquals(0, Protocols.number("all"));
        assertEquals("all", Protocols.name(0));
        assertEquals(0, Protocols.number("ip"));
        assertEquals(6, Protocols.number("0x6"));
        assertEquals(-1, Protocols.number("256"));
        assertEquals(-1, Protocols.number("foo"));
    }

    @Test
    void typeParsesAndFormats() {
        assertEquals(17, Protocols.type().parse(List.of("udp")));
        assertEquals(List.of("ospf"), Protocols.type().format(89));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Protocols.type().parse(List.of("foo")));
        assertEquals("unknown protocol \"foo\" specified", e.getMessage());
    }
}
