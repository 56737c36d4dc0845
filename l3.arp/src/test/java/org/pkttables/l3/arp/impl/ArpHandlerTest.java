package org.pkttables.l3.arp.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.Param;
import org.pkttables.tables.testing.ExtArgs;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Packets;

class ArpHandlerTest {
    private final ArpHandler h = new ArpHandler();

    private final byte[] request = Frames.arpRequest("02:00:00:00:00:01", "10.0.0.1", "10.0.0.2");
    private final byte[] reply = Frames.arpReply("02:00:00:00:00:02", "10.0.0.2", "02:00:00:00:00:01", "10.0.0.1");

    private Args args(String... words) {
        return ExtArgs.parse(h.baseDescriptor(), Family.ARP, -1, String.join(" ", words));
    }

    /** The canonical words, as the core lists them: descriptor order, ["!"] option value. */
    private String listed(String... words) {
        Args a = h.canonicalize(args(words));
        List<String> out = new ArrayList<>();
        for (Param<?> p : h.baseDescriptor().params()) {
            if (a.has(p)) {
                if (a.inverted(p)) {
                    out.add("!");
                }
                out.add(p.option());
                out.addAll(format(p, a));
            }
        }
        return String.join(" ", out);
    }

    private static <T> List<String> format(Param<T> p, Args a) {
        return p.type().format(a.get(p));
    }

    private PacketContext packet(byte[] f, String in) {
        return Packets.parsed(h, f, in, null);
    }

    @Test
    void parseSetsL3AndNoL4() {
        PacketContext p = packet(request, "eth0");
        assertEquals(14, p.l3Offset());
        assertEquals(0x0806, p.etherType());
        assertEquals(-1, p.l4Offset());
        assertEquals(-1, p.l4Proto());
        assertFalse(p.isMalformed());
        assertEquals(42, request.length);
    }

    @Test
    void everyTruncationIsMalformedAndNothingThrows() {
        for (int len = 0; len <= reply.length; len++) {
            PacketContext p = new PacketContext(0).reset(reply, 0, len);
            assertEquals(len == reply.length, h.parse(p, 14), "length " + len);
            assertEquals(len != reply.length, p.isMalformed(), "length " + len);
        }
    }

    @Test
    void listsAsArptablesDoes() {
        // Expected strings: arptables v1.8.9 (nf_tables) -S, the oracle also where iptables' newer
        // extensions/libarpt_standard.t differs (--h-type in decimal, no field masks, no --h-length, no --h-type 1).
        assertEquals("-i eth0 -s 1.2.3.4 --src-mac 00:11:22:33:44:55 -d 5.6.7.0/24 --dst-mac 66:77:88:99:aa:bb"
                + " --opcode 1 --proto-type 0x800",
                listed("-s", "1.2.3.4", "-d", "5.6.7.0/24", "-i", "eth0", "--source-mac", "00:11:22:33:44:55",
                        "--destination-mac", "66:77:88:99:AA:BB", "--opcode", "Request", "--h-length", "6",
                        "--h-type", "1", "--proto-type", "0x800"));
        assertEquals("! -i eth+ ! -s 1.2.3.4 ! --src-mac 00:11:22:33:44:55 ! -d 5.6.7.0/24",
                listed("!", "-s", "1.2.3.4", "!", "-d", "5.6.7.0/24", "!", "-i", "eth+", "!", "--source-mac",
                        "00:11:22:33:44:55"));
        assertEquals("-s 1.0.3.0/255.0.255.0", listed("-s", "1.2.3.4/255.0.255.0"));
        assertEquals("-s 1.2.0.0/16", listed("-s", "1.2.3.4/255.255.0.0"));
        assertEquals("", listed("-s", "0/0", "-i", "+", "--h-type", "Ethernet", "-l", "6"));
        assertEquals("! -i +", listed("!", "-i", "+"));
        assertEquals("--opcode 2", listed("--opcode", "reply"));
        assertEquals("--opcode 8", listed("--opcode", "InARP_Request"));
        assertEquals("--opcode 2", listed("--opcode", "02"));
        assertEquals("--proto-type 0x800", listed("--proto-type", "2048"));
        assertEquals("--proto-type 0xa", listed("--proto-type", "10/10"));
        assertEquals("--h-type 16", listed("--h-type", "10"));
        assertEquals("--h-type 768", listed("--h-type", "300"));
        assertEquals("! --h-type 2", listed("!", "--h-type", "2"));
        assertEquals("", listed("!", "--h-type", "Ethernet"));
        assertEquals("", listed("!", "--h-length", "6"));
        assertEquals("--opcode 1 --h-type 8 --proto-type 0x800",
                listed("--h-length", "6/15", "--opcode", "1/235", "--h-type", "0x8/0xcf", "--proto-type", "0x800/0xde00"));
        assertEquals("--src-mac 00:00:00:00:00:00/01:00:00:00:00:00", listed("--source-mac", "Unicast"));
        assertEquals("! --src-mac 01:00:00:00:00:00/01:00:00:00:00:00", listed("!", "--src-mac", "Multicast"));
    }

    @Test
    void badValuesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> args("--opcode", "0x2"));
        assertTrue(e.getMessage().contains("0x2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> args("--opcode", "65536"));
        assertThrows(IllegalArgumentException.class, () -> args("--proto-type", "0x10000"));
        assertThrows(IllegalArgumentException.class, () -> args("--src-mac", "00:11:22:33:44"));
        e = assertThrows(IllegalArgumentException.class, () -> h.compileBase(args("--h-length", "4")));
        assertTrue(e.getMessage().contains("--h-length 4"), e.getMessage());
    }

    @Test
    void matchesAddressesOpcodeAndInterfaces() {
        Match m = h.compileBase(args("-s", "10.0.0.1", "-d", "10.0.0.0/24", "-i", "eth+", "--opcode", "Request",
                "--src-mac", "02:00:00:00:00:01"));
        assertTrue(m.matches(packet(request, "eth0")));
        assertFalse(m.matches(packet(request, "wlan0")));
        assertFalse(m.matches(packet(reply, "eth0")));
        Match r = h.compileBase(args("!", "--opcode", "1", "--dst-mac", "02:00:00:00:00:01", "!", "-s", "10.0.0.1"));
        assertTrue(r.matches(packet(reply, null)));
        assertFalse(r.matches(packet(request, null)));
        assertTrue(h.compileBase(args("--proto-type", "ipv4", "--h-type", "1/0xff")).matches(packet(reply, null)));
        assertFalse(h.compileBase(args("!", "--proto-type", "ipv4")).matches(packet(reply, null)));
        assertTrue(h.compileBase(args("--src-mac", "Unicast")).matches(packet(reply, null)));
        assertNull(h.compileBase(args("-s", "0/0", "-l", "6")));
    }

    @Test
    void addressesFollowTheHeaderLengths() {
        byte[] odd = request.clone();
        odd[14 + 5] = 16; // protocol address length 16: the IP options must not match
        PacketContext p = new PacketContext(0).reset(odd, 0, odd.length);
        assertFalse(h.parse(p, 14), "addresses no longer fit the frame");
        byte[] longer = new byte[request.length + 24];
        System.arraycopy(request, 0, longer, 0, request.length);
        longer[14 + 5] = 16;
        PacketContext q = new PacketContext(0).reset(longer, 0, longer.length);
        assertTrue(h.parse(q, 14));
        assertFalse(h.compileBase(args("-s", "10.0.0.1")).matches(q));
        assertFalse(h.compileBase(args("!", "-s", "10.0.0.1")).matches(q));
        assertTrue(h.compileBase(args("--opcode", "1")).matches(q));
    }
}
