package org.pkttables.l3.ipv4.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Param;
import org.pkttables.tables.testing.Frames;

class Ipv4HandlerTest {
    private final Ipv4Handler h = new Ipv4Handler();

    private PacketContext parsed(byte[] frame, int len) {
        PacketContext p = new PacketContext(0).reset(frame, 0, len);
        p.setL2(0);
        h.parse(p, 14);
        return p;
    }

    @Test
    void tcpFrameGetsOffsetsAndProtocol() {
        byte[] f = Frames.ipv4("10.0.0.1", "10.0.0.2").tcp(40000, 22).flags(Frames.SYN).build();
        PacketContext p = new PacketContext(0).reset(f, 0, f.length);
        assertTrue(h.parse(p, 14));
        assertEquals(14, p.l3Offset());
        assertEquals(0x0800, p.etherType());
        assertEquals(34, p.l4Offset());
        assertEquals(6, p.l4Proto());
        assertFalse(p.isFragment());
        assertFalse(p.isMalformed());
        assertEquals(22, p.u16(p.l4Offset() + 2));
    }

    @Test
    void optionsMoveTheL4Offset() {
        byte[] f = Frames.ipv4("10.0.0.1", "10.0.0.2").options((byte) 0x94, (byte) 4, (byte) 0, (byte) 0, (byte) 1)
                .udp(1000, 53).payload("x").build();
        PacketContext p = parsed(f, f.length);
        assertFalse(p.isMalformed());
        assertEquals(14 + 28, p.l4Offset());
        assertEquals(17, p.l4Proto());
        assertEquals(53, p.u16(p.l4Offset() + 2));
    }

    @Test
    void trailingPaddingIsAcceptedButAShortFrameIsNot() {
        byte[] f = Frames.ipv4("10.0.0.1", "10.0.0.2").icmp(8, 0).padTo(60).build();
        assertEquals(60, f.length);
        assertFalse(parsed(f, f.length).isMalformed());
        byte[] g = Frames.ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).payload("hello").build();
        assertTrue(parsed(g, g.length - 1).isMalformed(), "total length larger than the frame");
    }

    @Test
    void paddingIsCutOffSoNoMatchReadsItAndCountersCountTheDatagram() {
        byte[] f = Frames.ipv4("10.0.0.1", "10.0.0.2").raw(17, (byte) 0x03, (byte) 0xe8).padTo(60).build();
        PacketContext p = parsed(f, f.length);
        assertFalse(p.isMalformed());
        assertEquals(14 + 22, p.end(), "the frame ends where the datagram does");
        assertEquals(-1, p.u16(p.l4Offset() + 2), "no destination port: the padding is not read as one");
    }

    @Test
    void everyTruncationIsMalformedAndNothingThrows() {
        byte[] f = Frames.ipv4("10.0.0.1", "10.0.0.2").options(new byte[8]).tcp(1, 2).payload("abc").build();
        for (int len = 0; len <= f.length; len++) {
            PacketContext p = new PacketContext(0).reset(f, 0, len);
            boolean ok = h.parse(p, 14);
            assertEquals(len == f.length, ok, "length " + len);
            assertEquals(len != f.length, p.isMalformed(), "length " + len);
        }
    }

    @Test
    void badVersionAndHeaderLengthAreMalformed() {
        byte[] f = Frames.ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).build();
        byte[] v6 = f.clone();
        v6[14] = 0x65;
        assertTrue(parsed(v6, v6.length).isMalformed());
        byte[] shortIhl = f.clone();
        shortIhl[14] = 0x44; // IHL 16 bytes, below the minimum of 20
        assertTrue(parsed(shortIhl, shortIhl.length).isMalformed());
        byte[] longIhl = f.clone();
        longIhl[14] = 0x4f; // 60-byte header in a 28-byte datagram
        assertTrue(parsed(longIhl, longIhl.length).isMalformed());
    }

    @Test
    void fragmentsCarryOffsetAndMoreFragments() {
        List<byte[]> frags = Frames.ipv4("10.0.0.1", "10.0.0.2").udp(5000, 5001).payload(new byte[3000])
                .fragments(1480);
        assertEquals(3, frags.size());
        PacketContext first = parsed(frags.get(0), frags.get(0).length);
        assertTrue(first.isFragment());
        assertEquals(0, first.fragOffset());
        assertEquals(5001, first.u16(first.l4Offset() + 2));
        PacketContext second = parsed(frags.get(1), frags.get(1).length);
        assertTrue(second.isFragment());
        assertEquals(1480, second.fragOffset());
        assertEquals(17, second.l4Proto());
        PacketContext last = parsed(frags.get(2), frags.get(2).length);
        assertEquals(2960, last.fragOffset());
        assertTrue(last.isFragment(), "last fragment: MF clear but offset set");
        byte[] df = Frames.ipv4("10.0.0.1", "10.0.0.2").dontFragment().tcp(1, 2).build();
        assertFalse(parsed(df, df.length).isFragment());
    }

    @Test
    void parseAtAnOffsetWithoutL2() {
        byte[] f = Frames.ipv4("10.0.0.1", "10.0.0.2").tcp(1, 2).build();
        byte[] l3 = Arrays.copyOfRange(f, 14, f.length);
        PacketContext p = new PacketContext(0).reset(l3, 0, l3.length);
        assertTrue(h.parse(p, 0));
        assertEquals(20, p.l4Offset());
    }

    @Test
    void descriptorListsOptionsInIptablesOrder() {
        assertEquals(List.of("-s", "-d", "-i", "-o", "-p", "-f"),
                h.baseDescriptor().params().stream().map(Param::option).toList());
        assertTrue(h.baseDescriptor().param("--src") != null && h.baseDescriptor().param("--fragment") != null);
        assertEquals(6, h.protocolNumber("tcp"));
        assertEquals(-1, h.protocolNumber("nonsense"));
    }
}
