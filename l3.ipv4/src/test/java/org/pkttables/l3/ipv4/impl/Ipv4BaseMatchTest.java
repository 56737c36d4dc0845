package org.pkttables.l3.ipv4.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.ExtArgs;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Packets;

class Ipv4BaseMatchTest {
    private final Ipv4Handler h = new Ipv4Handler();

    /** Parses option words with the descriptor's own types, as the core does. */
    private Args args(String... words) {
        return ExtArgs.parse(h.baseDescriptor(), Family.IPV4, -1, String.join(" ", words));
    }

    private Match compile(String... words) {
        return h.compileBase(args(words));
    }

    private PacketContext packet(byte[] frame, String in, String out) {
        return Packets.parsed(h, frame, in, out);
    }

    private final byte[] udp = Frames.ipv4("10.1.2.3", "192.168.7.9").udp(1000, 53).build();
    private final byte[] tcp = Frames.ipv4("172.16.0.1", "10.1.2.3").tcp(1000, 22).build();

    @Test
    void sourceAndDestinationPrefixes() {
        assertTrue(compile("-s", "10.0.0.0/8").matches(packet(udp, "eth0", null)));
        assertFalse(compile("-s", "10.0.0.0/8").matches(packet(tcp, "eth0", null)));
        assertTrue(compile("-d", "192.168.7.0/255.255.255.0").matches(packet(udp, null, null)));
        assertTrue(compile("-d", "192.0.7.0/255.0.255.0").matches(packet(udp, null, null)), "non-contiguous mask");
        assertFalse(compile("-d", "192.168.7.8").matches(packet(udp, null, null)));
        assertTrue(compile("-s", "10.1.2.3", "-d", "192.168.7.9").matches(packet(udp, null, null)));
    }

    @Test
    void inversion() {
        assertFalse(compile("!", "-s", "10.0.0.0/8").matches(packet(udp, null, null)));
        assertTrue(compile("!", "-s", "10.0.0.0/8").matches(packet(tcp, null, null)));
        assertTrue(compile("-s", "10.0.0.0/8", "!", "-d", "10.1.2.3").matches(packet(udp, null, null)));
        assertFalse(compile("!", "-p", "udp").matches(packet(udp, null, null)));
        assertTrue(compile("!", "-p", "udp").matches(packet(tcp, null, null)));
        assertTrue(compile("!", "-i", "eth1").matches(packet(udp, "eth0", null)));
        assertFalse(compile("!", "-i", "eth+").matches(packet(udp, "eth0", null)));
    }

    @Test
    void interfacesExactAndWildcard() {
        Match m = compile("-i", "eth+", "-o", "wan0");
        assertTrue(m.matches(packet(udp, "eth0", "wan0")));
        assertTrue(m.matches(packet(udp, "eth", "wan0")), "eth+ also matches eth itself");
        assertFalse(m.matches(packet(udp, "veth0", "wan0")));
        assertFalse(m.matches(packet(udp, "eth0", "wan01")));
        assertFalse(m.matches(packet(udp, null, "wan0")), "no input interface is the empty name");
        assertTrue(compile("!", "-o", "wan0").matches(packet(udp, "eth0", null)));
        assertFalse(compile("!", "-i", "+").matches(packet(udp, null, null)), "! -i + matches nothing");
    }

    @Test
    void protocolAndFragments() {
        assertTrue(compile("-p", "udp").matches(packet(udp, null, null)));
        assertFalse(compile("-p", "tcp").matches(packet(udp, null, null)));
        assertTrue(compile("-p", "17").matches(packet(udp, null, null)));
        List<byte[]> frags = Frames.ipv4("10.1.2.3", "10.9.9.9").udp(1, 2).payload(new byte[2000]).fragments(1000);
        Match f = compile("-f");
        Match notF = compile("!", "-f");
        assertFalse(f.matches(packet(frags.get(0), null, null)), "-f skips the first fragment");
        assertTrue(notF.matches(packet(frags.get(0), null, null)));
        assertTrue(f.matches(packet(frags.get(1), null, null)));
        assertFalse(notF.matches(packet(frags.get(1), null, null)));
        assertFalse(f.matches(packet(udp, null, null)));
        assertTrue(compile("-p", "udp", "-f").matches(packet(frags.get(2), null, null)));
    }

    @Test
    void nothingToMatchCompilesToNull() {
        assertNull(compile());
        assertNull(compile("-s", "0/0", "-p", "all", "-i", "+"));
        assertThrows(IllegalArgumentException.class, () -> compile("!", "-p", "all"));
        assertThrows(IllegalArgumentException.class, () -> compile("!", "-s", "0.0.0.0/0"));
    }

    @Test
    void canonicalFormDropsWhatMatchesEverything() {
        Args c = h.canonicalize(args("-s", "0/0", "-d", "1.2.3.4", "-i", "+", "!", "-o", "+", "-p", "all"));
        assertEquals(List.of(Ipv4Handler.DESTINATION, Ipv4Handler.OUT_IFACE), List.copyOf(c.params()));
        assertTrue(c.inverted(Ipv4Handler.OUT_IFACE));
    }

    @Test
    void neverReadsOutsideATruncatedPacket() {
        Match m = compile("-s", "10.0.0.0/8", "-d", "192.168.7.9", "-p", "udp");
        PacketContext p = new PacketContext(0).reset(udp, 0, 20); // L3 offset set, addresses cut off
        p.setL3(14, 0x0800);
        assertFalse(m.matches(p));
        assertFalse(compile("!", "-s", "10.0.0.0/8").matches(p));
        assertFalse(m.matches(new PacketContext(0).reset(udp, 0, udp.length)), "no L3 parsed yet");
    }
}
