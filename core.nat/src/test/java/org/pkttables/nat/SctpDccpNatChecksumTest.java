package org.pkttables.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Checksums;

/**
 * After NAT changes an SCTP or DCCP port and the address, the packet's checksum is valid again: SCTP's
 * CRC32c checked with the JDK's own {@link CRC32C} (an implementation independent of {@link SctpChecksum}),
 * DCCP's with a full one's-complement sum over the pseudo-header.
 */
class SctpDccpNatChecksumTest {
    private static final int L3 = 14;

    /** An Ethernet + IPv4 frame with {@code l4} as payload, padded to 60 bytes on the wire when shorter. */
    private static byte[] ipv4(int proto, byte[] l4) {
        int total = 20 + l4.length;
        byte[] f = new byte[Math.max(60, L3 + total)];
        f[12] = 0x08;
        f[L3] = 0x45;
        f[L3 + 2] = (byte) (total >>> 8);
        f[L3 + 3] = (byte) total;
        f[L3 + 8] = 64;
        f[L3 + 9] = (byte) proto;
        byte[] src = { 10, 0, 0, 2 };
        byte[] dst = { (byte) 198, 51, 100, 7 };
        System.arraycopy(src, 0, f, L3 + 12, 4);
        System.arraycopy(dst, 0, f, L3 + 16, 4);
        System.arraycopy(l4, 0, f, L3 + 20, l4.length);
        for (int i = L3 + total; i < f.length; i++) {
            f[i] = (byte) 0xAA; // Ethernet padding: not part of the IP packet
        }
        int c = ~Checksums.fold(Checksums.sum(f, L3, 20)) & 0xffff;
        f[L3 + 10] = (byte) (c >>> 8);
        f[L3 + 11] = (byte) c;
        return f;
    }

    private static byte[] sctpPacket() {
        byte[] s = new byte[12 + 4]; // common header + a COOKIE ACK chunk: 50 bytes on Ethernet, so padded
        s[0] = (byte) (40000 >>> 8);
        s[1] = (byte) 40000;
        s[2] = 0;
        s[3] = 80;
        s[4] = 0x12; // verification tag
        s[12] = 11;
        s[15] = 4;
        writeLe(s, 8, crc32c(s, 0, s.length));
        return s;
    }

    private static long crc32c(byte[] b, int off, int len) {
        byte[] copy = java.util.Arrays.copyOfRange(b, off, off + len);
        copy[8] = copy[9] = copy[10] = copy[11] = 0;
        CRC32C c = new CRC32C();
        c.update(copy);
        return c.getValue();
    }

    private static void writeLe(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static long readLe(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
    }

    @Test
    void sctpSourceNatComputesTheCrcAgainOverThePacketButNotThePadding() {
        byte[] f = ipv4(132, sctpPacket());
        int l4 = L3 + 20;
        int sctpLen = 16;
        assertEquals(crc32c(f, l4, sctpLen), readLe(f, l4 + 8), "the frame starts valid");
        PacketContext p = new PacketContext().reset(f, 0, f.length);
        NatRewrite.manip(p, L3, l4, 132, true, 0xCB007101L, 61000, NatRewrite.PACKET);
        assertEquals(61000, p.u16(l4));
        assertEquals(0xCB007101L, p.u32(L3 + 12));
        assertEquals(crc32c(f, l4, sctpLen), readLe(f, l4 + 8), "CRC32c valid after the port change");
        assertEquals(0, Checksums.fold(Checksums.sum(f, L3, 20)) ^ 0xffff, "IPv4 header checksum valid");
    }

    @Test
    void sctpAddressOnlyChangeLeavesTheCrcAlone() {
        byte[] f = ipv4(132, sctpPacket());
        int l4 = L3 + 20;
        long before = readLe(f, l4 + 8);
        PacketContext p = new PacketContext().reset(f, 0, f.length);
        NatRewrite.manip(p, L3, l4, 132, false, 0x0A000063L, 80, NatRewrite.PACKET);
        assertEquals(before, readLe(f, l4 + 8));
        assertEquals(crc32c(f, l4, 16), readLe(f, l4 + 8));
    }

    @Test
    void dccpChecksumStaysValidAfterAddressAndPortChange() {
        byte[] d = new byte[16 + 8];
        d[0] = (byte) (5000 >>> 8);
        d[1] = (byte) 5000;
        d[2] = (byte) (6000 >>> 8);
        d[3] = (byte) 6000;
        d[4] = 4; // data offset in 32-bit words
        for (int i = 16; i < d.length; i++) {
            d[i] = (byte) (i * 13);
        }
        byte[] f = ipv4(33, d);
        int l4 = L3 + 20;
        setDccpChecksum(f, l4, d.length);
        assertEquals(0xffff, dccpSum(f, l4, d.length), "the frame starts valid");
        PacketContext p = new PacketContext().reset(f, 0, f.length);
        NatRewrite.manip(p, L3, l4, 33, false, 0x0A000063L, 7000, NatRewrite.PACKET);
        assertEquals(7000, p.u16(l4 + 2));
        assertEquals(0xffff, dccpSum(f, l4, d.length), "DCCP checksum valid after DNAT");
    }

    private static int dccpSum(byte[] f, int l4, int len) {
        long s = Checksums.sum(f, L3 + 12, 8) + 33 + len + Checksums.sum(f, l4, len);
        return Checksums.fold(s);
    }

    private static void setDccpChecksum(byte[] f, int l4, int len) {
        f[l4 + 6] = f[l4 + 7] = 0;
        int c = ~dccpSum(f, l4, len) & 0xffff;
        f[l4 + 6] = (byte) (c >>> 8);
        f[l4 + 7] = (byte) c;
    }
}
