package org.pkttables.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.pkttables.io.pcap.PcapReader;
import org.pkttables.io.pcap.PcapWriter;

class PcapFileTest {
    private static byte[] file(byte[]... packets) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bos, PcapReader.LINKTYPE_ETHERNET)) {
            long t = 1_700_000_000_123_456_000L;
            for (byte[] p : packets) {
                w.write(t, p, 0, p.length);
                t += 1000;
            }
        }
        return bos.toByteArray();
    }

    @Test
    void writtenPacketsReadBackWithTimestamps() throws IOException {
        byte[] a = { 1, 2, 3 };
        byte[] b = new byte[1500];
        Arrays.fill(b, (byte) 7);
        try (PcapReader r = new PcapReader(new ByteArrayInputStream(file(a, b)), "mem")) {
            assertTrue(r.next());
            assertEquals(3, r.length());
            assertArrayEquals(a, Arrays.copyOf(r.buffer(), 3));
            assertEquals(1_700_000_000_123_456_000L, r.timestampNanos());
            assertTrue(r.next());
            assertEquals(1500, r.length());
            assertEquals(2, r.record());
            assertFalse(r.next());
        }
    }

    @Test
    void bigEndianFilesAreRead() throws IOException {
        byte[] le = file(new byte[] { 9, 9 });
        byte[] be = le.clone();
        // Swap every 32-bit field of the headers (the 16-bit version fields swap as a pair).
        for (int o : new int[] { 0, 8, 12, 16, 20, 24, 28, 32, 36 }) {
            swap4(be, o);
        }
        be[4] = 0; be[5] = 2; be[6] = 0; be[7] = 4;
        try (PcapReader r = new PcapReader(new ByteArrayInputStream(be), "be")) {
            assertTrue(r.next());
            assertEquals(2, r.length());
        }
    }

    @Test
    void badFilesAreClearErrors() throws IOException {
        IOException e = assertThrows(IOException.class,
                () -> new PcapReader(new ByteArrayInputStream(new byte[24]), "zero"));
        assertTrue(e.getMessage().contains("not a pcap file"), e.getMessage());
        byte[] good = file(new byte[100]);
        byte[] cut = Arrays.copyOf(good, good.length - 10);
        try (PcapReader r = new PcapReader(new ByteArrayInputStream(cut), "cut")) {
            e = assertThrows(IOException.class, r::next);
            assertTrue(e.getMessage().contains("record 1"), e.getMessage());
        }
        byte[] huge = good.clone();
        huge[24 + 8] = (byte) 0xff;
        huge[24 + 9] = (byte) 0xff;
        huge[24 + 10] = (byte) 0xff;
        try (PcapReader r = new PcapReader(new ByteArrayInputStream(huge), "huge")) {
            e = assertThrows(IOException.class, r::next);
            assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
        }
    }

    private static void swap4(byte[] b, int o) {
        byte t = b[o];
        b[o] = b[o + 3];
        b[o + 3] = t;
        t = b[o + 1];
        b[o + 1] = b[o + 2];
        b[o + 2] = t;
    }
}
