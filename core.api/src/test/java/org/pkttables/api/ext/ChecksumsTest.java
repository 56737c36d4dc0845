package org.pkttables.api.ext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.pkttables.api.PacketContext;

class ChecksumsTest {
    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    private static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    /** The sum word by word, the slow way: the reference the fast code is checked against. */
    private static int reference(byte[] b, int off, int len) {
        int s = 0;
        for (int i = 0; i < len; i += 2) {
            int w = (b[off + i] & 0xff) << 8 | (i + 1 < len ? b[off + i + 1] & 0xff : 0);
            s += w;
            if (s > 0xffff) {
                s -= 0xffff; // end-around carry
            }
        }
        return ~s & 0xffff;
    }

    @Test
    void foldsTheRfc1071Example() {
        // RFC 1071 section 3: 00 01 f2 03 f4 f5 f6 f7 sums to 2ddf0, folded ddf2.
        byte[] b = bytes(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7);
        assertEquals(0x2ddf0, Checksums.sum(b, 0, 8));
        assertEquals(0xddf2, Checksums.fold(Checksums.sum(b, 0, 8)));
        assertEquals(0x220d, Checksums.checksum(b, 0, 8));
    }

    @Test
    void checksumsAnIpv4HeaderThatThenVerifiesToZero() {
        byte[] h = bytes(0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0xaa, 0xbb, 0xc0, 0xa8, 0x00, 0x01,
                0xc0, 0xa8, 0x00, 0xc7);
        Checksums.ipv4Header(h, 0);
        assertEquals(0xb861, u16(h, 10));
        assertEquals(0, Checksums.checksum(h, 0, 20), "a header with its checksum sums to 0xffff");
    }

    @Test
    void padsAnOddTailWithZero() {
        assertEquals(0x0102 + 0x0300, Checksums.sum(bytes(1, 2, 3), 0, 3));
        assertEquals(~(0x0102 + 0x0300) & 0xffff, Checksums.checksum(bytes(1, 2, 3), 0, 3));
        // at an offset, the odd byte is the high half of its word wherever the range starts
        assertEquals(0xab00, Checksums.sum(bytes(9, 9, 0xab, 9), 2, 1));
        assertEquals(0x09ab, Checksums.sum(bytes(9, 9, 0xab, 9), 1, 2));
        assertEquals(0, Checksums.sum(bytes(1), 0, 0));
    }

    @Test
    void matchesTheReferenceOnRandomDataOfEveryLength() {
        Random r = new Random(1624);
        for (int len = 0; len < 300; len++) {
            byte[] b = new byte[len + 3];
            r.nextBytes(b);
            assertEquals(reference(b, 3, len), Checksums.checksum(b, 3, len), "length " + len);
        }
        byte[] ones = new byte[65536];
        Arrays.fill(ones, (byte) 0xff);
        assertEquals(0xffff, Checksums.fold(Checksums.sum(ones, 0, ones.length)), "many carries fold away");
        assertEquals(0, Checksums.checksum(ones, 0, ones.length));
    }

    @Test
    void updatesIncrementallyAsAFreshChecksumWould() {
        Random r = new Random(7);
        for (int n = 0; n < 2000; n++) {
            byte[] b = new byte[40];
            r.nextBytes(b);
            b[10] = 0;
            b[11] = 0;
            int check = Checksums.checksum(b, 0, 40);
            int at = 2 * r.nextInt(20);
            if (at == 10) {
                continue;
            }
            int old = u16(b, at);
            int nw = n % 50 == 0 ? (~old & 0xffff) : r.nextInt(0x10000);
            b[at] = (byte) (nw >>> 8);
            b[at + 1] = (byte) nw;
            assertEquals(Checksums.checksum(b, 0, 40), Checksums.update(check, old, nw), "word " + at + " " + old + "->"
                    + nw);
        }
    }

    @Test
    void updatesForA32BitValueAndForAnIpv6Address() {
        Random r = new Random(13);
        for (int n = 0; n < 500; n++) {
            byte[] b = new byte[64];
            r.nextBytes(b);
            int check = Checksums.checksum(b, 0, 64);
            int old = (int) (((long) u16(b, 8) << 16) | u16(b, 10));
            int nw = r.nextInt();
            byte[] c = b.clone();
            c[8] = (byte) (nw >>> 24);
            c[9] = (byte) (nw >>> 16);
            c[10] = (byte) (nw >>> 8);
            c[11] = (byte) nw;
            assertEquals(Checksums.checksum(c, 0, 64), Checksums.update32(check, old, nw));

            byte[] addr = new byte[16];
            r.nextBytes(addr);
            byte[] d = b.clone();
            System.arraycopy(addr, 0, d, 24, 16);
            assertEquals(Checksums.checksum(d, 0, 64), Checksums.updateBytes(check, b, 24, addr, 0, 16));
        }
    }

    @Test
    void replacesInPlaceInTheFrameAndLeavesAFieldOutsideIt() {
        byte[] f = bytes(0x45, 0x00, 0x00, 0x1c, 0x12, 0x34, 0x00, 0x00, 0x40, 0x06, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2);
        Checksums.ipv4Header(f, 0);
        PacketContext p = new PacketContext().reset(f, 0, f.length);
        int old = u16(f, 8);
        f[8] = 0x3f; // TTL 64 -> 63
        Checksums.replace16(p, 10, old, u16(f, 8));
        assertEquals(0, Checksums.checksum(f, 0, 20));

        byte[] before = f.clone();
        Checksums.replace16(new PacketContext().reset(f, 0, 10), 10, 0x1234, 0x4321);
        assertArrayEquals(before, f, "a checksum field outside the frame is left alone");
    }

    @Test
    void storesAFullL4ChecksumAndNeverZeroForUdp() {
        // IPv4 10.0.0.1 -> 10.0.0.2, UDP 1 -> 2 with 2 payload bytes
        byte[] f = bytes(0x45, 0, 0, 30, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, 0, 1, 0, 2, 0, 10, 0, 0,
                0x55, 0x66);
        long ps = Checksums.pseudo(f, 0, true, 17, 10);
        assertEquals(Checksums.sum(f, 12, 8) + 17 + 10, ps);
        Checksums.store(f, 20, 10, Checksums.fieldOffset(17), ps, 17);
        assertEquals(0xffff, Checksums.fold(ps + Checksums.sum(f, 20, 10)), "the segment verifies");
        // a payload word chosen so that the sum is all ones: the checksum would be 0, UDP sends 0xffff
        f[26] = 0;
        f[27] = 0;
        f[28] = 0;
        f[29] = 0;
        int w = 0xffff - Checksums.fold(ps + Checksums.sum(f, 20, 10));
        f[28] = (byte) (w >>> 8);
        f[29] = (byte) w;
        Checksums.store(f, 20, 10, 6, ps, 17);
        assertEquals(0xffff, u16(f, 26));
        assertEquals(16, Checksums.fieldOffset(6));
        assertEquals(-1, Checksums.fieldOffset(1));
    }
}
