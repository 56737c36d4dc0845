package org.pkttables.l3.ipv6.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.ExtArgs;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Packets;

class Ipv6BaseMatchTest {
    private final Ipv6Handler h = new Ipv6Handler();

    private Match compile(String... words) {
        return h.compileBase(ExtArgs.parse(h.baseDescriptor(), Family.IPV6, -1, String.join(" ", words)));
    }

    private PacketContext packet(byte[] f, String in, String out) {
        return Packets.parsed(h, f, in, out);
    }

    private final byte[] udp = Frames.ipv6("2001:db8:1::5", "2001:db8:2::9").hopByHop().udp(1, 53).build();
    private final byte[] tcp = Frames.ipv6("fe80::1", "2001:db8:2::9").tcp(1, 22).build();

    @Test
    void prefixesOnBothHalves() {
        assertTrue(compile("-s", "2001:db8::/32").matches(packet(udp, null, null)));
        assertFalse(compile("-s", "2001:db8::/32").matches(packet(tcp, null, null)));
        assertTrue(compile("-s", "2001:db8:1::5").matches(packet(udp, null, null)));
        assertFalse(compile("-s", "2001:db8:1::6").matches(packet(udp, null, null)), "differs in the low half");
        assertTrue(compile("-d", "2001:db8:2::/48", "-s", "2001:db8:1::/120").matches(packet(udp, null, null)));
        assertTrue(compile("-s", "2001:0:1::/ffff:0:ffff::").matches(packet(udp, null, null)), "non-contiguous");
    }

    @Test
    void inversionInterfacesProtocol() {
        assertTrue(compile("!", "-s", "2001:db8::/32").matches(packet(tcp, null, null)));
        assertFalse(compile("!", "-d", "2001:db8:2::9").matches(packet(tcp, null, null)));
        assertTrue(compile("-p", "udp").matches(packet(udp, null, null)), "protocol after the hop-by-hop header");
        assertNull(compile("-p", "0"), "-p all matches everything: nothing to check");
        assertFalse(compile("!", "-p", "tcp").matches(packet(tcp, null, null)));
        assertTrue(compile("-i", "eth+", "!", "-o", "wan+").matches(packet(udp, "eth3", "lan0")));
        assertFalse(compile("-i", "eth+", "!", "-o", "wan+").matches(packet(udp, "eth3", "wan0")));
        assertTrue(compile("-p", "ipv6-icmp").matches(packet(Frames.ipv6("::1", "::2").icmp(128, 0).build(), null, null)));
    }

    @Test
    void nullAndErrors() {
        assertNull(compile("-s", "::/0", "-o", "+"));
        assertThrows(IllegalArgumentException.class, () -> compile("!", "-p", "all"));
        assertThrows(IllegalArgumentException.class, () -> compile("!", "-d", "::/0"));
    }

    @Test
    void truncatedHeaderNeverMatches() {
        Match m = compile("!", "-s", "2001:db8::/32");
        PacketContext p = new PacketContext(0).reset(udp, 0, 40);
        p.setL3(14, 0x86dd);
        assertFalse(m.matches(p));
    }
}
