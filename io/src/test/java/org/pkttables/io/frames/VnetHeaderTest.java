package org.pkttables.io.frames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Checksums;

class VnetHeaderTest {
    private static final int PAYLOAD = 3000;

    /** An untagged Ethernet frame with a TCP segment (32-byte header) of PAYLOAD bytes, full checksum. */
    private static byte[] frame(boolean v4, int tcpFlags) {
        int l3 = 14;
        int ipHdr = v4 ? 20 : 40;
        int l4 = l3 + ipHdr;
        byte[] b = new byte[l4 + 32 + PAYLOAD];
        b[12] = (byte) (v4 ? 0x08 : 0x86);
        b[13] = (byte) (v4 ? 0x00 : 0xdd);
        if (v4) {
            b[l3] = 0x45;
            put16(b, l3 + 2, ipHdr + 32 + PAYLOAD);
            b[l3 + 6] = 0x40; // DF
            b[l3 + 8] = 64;
            b[l3 + 9] = 6;
            for (int i = 0; i < 8; i++) {
                b[l3 + 12 + i] = (byte) (10 + i);
            }
            Checksums.ipv4Header(b, l3);
        } else {
            b[l3] = 0x60;
            put16(b, l3 + 4, 32 + PAYLOAD);
            b[l3 + 6] = 6;
            b[l3 + 7] = 64;
            for (int i = 0; i < 32; i++) {
                b[l3 + 8 + i] = (byte) (0x20 + i);
            }
        }
        put16(b, l4, 40000);
        put16(b, l4 + 2, 5201);
        b[l4 + 4] = 0x12;
        b[l4 + 12] = (byte) 0x80; // 32-byte header
        b[l4 + 13] = (byte) tcpFlags;
        for (int i = l4 + 32; i < b.length; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        Checksums.store(b, l4, 32 + PAYLOAD, 16, Checksums.pseudo(b, l3, v4, 6, 32 + PAYLOAD), 6);
        return b;
    }

    private static PacketContext parsed(byte[] b, boolean v4, int l3) {
        PacketContext p = new PacketContext(0);
        p.reset(b, 0, b.length);
        p.setL2(0);
        p.setFamily(v4 ? Family.IPV4 : Family.IPV6);
        p.setL3(l3, v4 ? 0x0800 : 0x86dd);
        p.setL4(l3 + (v4 ? 20 : 40), 6);
        return p;
    }

    /** What the kernel does with NEEDS_CSUM: sums [csum_start, end) with the field as it is, stores the complement. */
    private static int kernelChecksum(byte[] b, int csumStart) {
        return ~Checksums.fold(Checksums.sum(b, csumStart, b.length - csumStart)) & 0xffff;
    }

    private static int field(byte[] b, int l4) {
        return ((b[l4 + 16] & 0xff) << 8) | (b[l4 + 17] & 0xff);
    }

    @Test
    void ipv4HeaderAndPartialChecksum() {
        byte[] b = frame(true, 0x18);
        int full = field(b, 34);
        PacketContext p = parsed(b, true, 14);
        byte[] hdr = new byte[VnetHeader.LENGTH];
        assertEquals(1448, VnetHeader.mss(p, 1500), "1500 - 20 - 32");
        assertTrue(VnetHeader.prepare(p, 1448, hdr));
        // flags NEEDS_CSUM, TCPV4, hdr_len 66, gso_size 1448, csum_start 34, csum_offset 16 (little-endian)
        assertArrayEquals(new byte[] {1, 1, 66, 0, (byte) 0xa8, 0x05, 34, 0, 16, 0}, hdr);
        assertEquals(Checksums.fold(Checksums.pseudo(b, 14, true, 6, 32 + PAYLOAD)), field(b, 34),
                "the field holds the folded pseudo-header sum, not complemented");
        assertEquals(full, kernelChecksum(b, 34), "completed by the kernel it is the full checksum again");
    }

    @Test
    void ipv6HeaderAndPartialChecksum() {
        byte[] b = frame(false, 0x10);
        int full = field(b, 54);
        PacketContext p = parsed(b, false, 14);
        byte[] hdr = new byte[VnetHeader.LENGTH];
        assertEquals(1428, VnetHeader.mss(p, 1500));
        assertTrue(VnetHeader.prepare(p, 1428, hdr));
        assertArrayEquals(new byte[] {1, 4, 86, 0, (byte) 0x94, 0x05, 54, 0, 16, 0}, hdr);
        assertEquals(full, kernelChecksum(b, 54));
    }

    @Test
    void afterNatTheChecksumFollowsTheNewHeaders() {
        // A rewrite changed the source address and port, and left the field as it was (or updated it
        // with whatever arithmetic): the partial sum comes from the headers as they are now.
        byte[] b = frame(true, 0x10);
        b[26] = (byte) 192;
        b[27] = (byte) 168;
        put16(b, 34, 61000);
        Checksums.ipv4Header(b, 14);
        byte[] expected = b.clone();
        Checksums.store(expected, 34, 32 + PAYLOAD, 16, Checksums.pseudo(expected, 14, true, 6, 32 + PAYLOAD), 6);
        PacketContext p = parsed(b, true, 14);
        assertTrue(VnetHeader.prepare(p, 1448, new byte[VnetHeader.LENGTH]));
        assertEquals(field(expected, 34), kernelChecksum(b, 34));
    }

    @Test
    void cwrAsksForEcn() {
        byte[] b = frame(true, 0x90);
        byte[] hdr = new byte[VnetHeader.LENGTH];
        assertTrue(VnetHeader.prepare(parsed(b, true, 14), 1448, hdr));
        assertEquals((byte) 0x81, hdr[1], "TCPV4 | ECN");
    }

    @Test
    void refusesWhatCannotGoWholeAndLeavesItAlone() {
        byte[] hdr = new byte[VnetHeader.LENGTH];
        byte[] b = frame(true, 0x10);
        byte[] before = b.clone();
        PacketContext udp = parsed(b, true, 14);
        udp.setL4(34, 17);
        assertFalse(VnetHeader.prepare(udp, 1448, hdr), "not TCP");
        PacketContext frag = parsed(b, true, 14);
        frag.setFragment(true, 0);
        assertFalse(VnetHeader.prepare(frag, 1448, hdr), "a fragment");
        PacketContext tagged = parsed(b, true, 18);
        assertFalse(VnetHeader.prepare(tagged, 1448, hdr), "a VLAN tag before the IP header");
        assertFalse(VnetHeader.prepare(parsed(b, true, 14), 7, hdr), "MSS too small");
        PacketContext cut = new PacketContext(0);
        cut.reset(b, 0, b.length - 1);
        cut.setFamily(Family.IPV4);
        cut.setL3(14, 0x0800);
        cut.setL4(34, 6);
        assertFalse(VnetHeader.prepare(cut, 1448, hdr), "IP length beyond the frame");
        assertArrayEquals(before, b);
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }
}
