package org.pkttables.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.pkttables.io.pcap.PcapReader;
import org.pkttables.io.pcap.PcapWriter;
import org.pkttables.tables.testing.Frames;

/** pcapng (blocks, byte orders, interfaces) and Linux cooked captures (SLL, SLL2) through {@link PcapReader}. */
class PcapngAndCookedTest {
    private static final byte[] ETH = Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac("02:00:00:00:00:0a")
            .dstMac("02:00:00:00:00:0b").udp(5000, 53).payload("q").build();
    /** The IP packet inside {@link #ETH}. */
    private static final byte[] IP = Arrays.copyOfRange(ETH, 14, ETH.length);

    private static PcapReader read(byte[] file) throws IOException {
        return new PcapReader(new ByteArrayInputStream(file), "mem");
    }

    private static byte[] frame(PcapReader r) {
        return Arrays.copyOf(r.buffer(), r.length());
    }

    @Test
    void pcapngSectionsInBothByteOrdersWithSeveralInterfaces() throws IOException {
        byte[] file = new PcapngBytes().section(ByteOrder.LITTLE_ENDIAN)
                .block(4, new byte[8]) // a name resolution block: skipped
                .iface(PcapReader.LINKTYPE_ETHERNET, 9)
                .iface(PcapReader.LINKTYPE_RAW, -1)
                .packet(0, 1_700_000_000_123_456_789L, ETH)
                .packet(1, 1_700_000_000_000_001L, IP)
                .simple(ETH)
                .section(ByteOrder.BIG_ENDIAN)
                .iface(PcapReader.LINKTYPE_RAW, 3)
                .packet(0, 1_700_000_000_500L, IP)
                .bytes();
        try (PcapReader r = read(file)) {
            assertEquals(PcapReader.LINKTYPE_ETHERNET, r.linkType(), "the first interface's, before any record");
            assertTrue(r.next());
            assertEquals(PcapReader.LINKTYPE_ETHERNET, r.linkType());
            assertArrayEquals(ETH, frame(r));
            assertEquals(1_700_000_000_123_456_789L, r.timestampNanos(), "if_tsresol 9: nanoseconds");
            assertTrue(r.next());
            assertEquals(PcapReader.LINKTYPE_RAW, r.linkType());
            assertArrayEquals(IP, frame(r));
            assertEquals(1_700_000_000_000_001_000L, r.timestampNanos(), "no if_tsresol: microseconds");
            assertTrue(r.next());
            assertArrayEquals(ETH, frame(r), "a simple packet block, interface 0");
            assertTrue(r.next());
            assertEquals(PcapReader.LINKTYPE_RAW, r.linkType(), "the second section's own interface 0");
            assertArrayEquals(IP, frame(r));
            assertEquals(1_700_000_000_500_000_000L, r.timestampNanos(), "if_tsresol 3: milliseconds, big-endian");
            assertEquals(4, r.record());
            assertFalse(r.next());
        }
    }

    @Test
    void cookedCapturesComeAsTheEthernetFramesTheyStandFor() throws IOException {
        byte[] sll = new byte[16 + IP.length];
        sll[1] = 0; // PACKET_HOST
        sll[3] = 1; // ARPHRD_ETHER
        sll[5] = 6; // address length
        System.arraycopy(ETH, 6, sll, 6, 6); // the source MAC
        sll[14] = 0x08; // ETH_P_IP
        System.arraycopy(IP, 0, sll, 16, IP.length);
        byte[] sll2 = new byte[20 + IP.length];
        sll2[0] = 0x08; // ETH_P_IP
        sll2[7] = 3; // ifindex
        sll2[9] = 1; // ARPHRD_ETHER
        sll2[10] = 1; // PACKET_BROADCAST
        sll2[11] = 6;
        System.arraycopy(ETH, 6, sll2, 12, 6);
        System.arraycopy(IP, 0, sll2, 20, IP.length);
        byte[] host = ETH.clone();
        Arrays.fill(host, 0, 6, (byte) 0);
        byte[] broadcast = ETH.clone();
        Arrays.fill(broadcast, 0, 6, (byte) 0xff);
        try (PcapReader r = read(pcap(PcapReader.LINKTYPE_LINUX_SLL, sll))) {
            assertEquals(PcapReader.LINKTYPE_ETHERNET, r.linkType());
            assertTrue(r.next());
            assertArrayEquals(host, frame(r), "the destination MAC is not kept: zeros");
        }
        try (PcapReader r = read(pcap(PcapReader.LINKTYPE_LINUX_SLL2, sll2))) {
            assertTrue(r.next());
            assertArrayEquals(broadcast, frame(r));
        }
        byte[] ng = new PcapngBytes().section(ByteOrder.BIG_ENDIAN).iface(PcapReader.LINKTYPE_LINUX_SLL2, 9)
                .iface(PcapReader.LINKTYPE_LINUX_SLL, 9).packet(1, 5, sll).packet(0, 6, sll2).bytes();
        try (PcapReader r = read(ng)) {
            assertTrue(r.next());
            assertArrayEquals(host, frame(r));
            assertTrue(r.next());
            assertArrayEquals(broadcast, frame(r));
            assertEquals(PcapReader.LINKTYPE_ETHERNET, r.linkType());
        }
    }

    @Test
    void badPcapngIsAClearError() throws IOException {
        byte[] noIface = new PcapngBytes().section(ByteOrder.LITTLE_ENDIAN).packet(0, 1, ETH).bytes();
        IOException e = assertThrows(IOException.class, () -> read(noIface));
        assertEquals("mem: block 2: a packet before any interface description", e.getMessage());
        byte[] wrongIface = new PcapngBytes().section(ByteOrder.LITTLE_ENDIAN).iface(1, -1).packet(2, 1, ETH).bytes();
        try (PcapReader r = read(wrongIface)) {
            e = assertThrows(IOException.class, r::next);
            assertEquals("mem: record 1 (block 3): interface 2 is not described (the section has 1)", e.getMessage());
        }
        byte[] token = new PcapngBytes().section(ByteOrder.LITTLE_ENDIAN).iface(1, -1).iface(6, -1)
                .packet(1, 1, ETH).bytes();
        try (PcapReader r = read(token)) {
            e = assertThrows(IOException.class, r::next);
            assertTrue(e.getMessage().endsWith("interface 1: link type 6 not supported (Ethernet, raw IP, LINUX_SLL or "
                    + "LINUX_SLL2)"), e.getMessage());
        }
        byte[] badTrailer = new PcapngBytes().section(ByteOrder.LITTLE_ENDIAN).iface(1, -1).packet(0, 1, ETH).bytes();
        badTrailer[badTrailer.length - 4]++;
        try (PcapReader r = read(badTrailer)) {
            e = assertThrows(IOException.class, r::next);
            assertTrue(e.getMessage().contains("closing length"), e.getMessage());
        }
        byte[] cut = Arrays.copyOf(badTrailer, badTrailer.length - 20);
        try (PcapReader r = read(cut)) {
            e = assertThrows(IOException.class, r::next);
            assertTrue(e.getMessage().startsWith("mem: record 1 (block 3): data: file ends after"), e.getMessage());
        }
    }

    @Test
    void readingPcapngAndCookedRecordsAllocatesNothingPerRecord() throws IOException {
        byte[] sll2 = new byte[20 + IP.length];
        sll2[0] = 0x08;
        System.arraycopy(IP, 0, sll2, 20, IP.length);
        PcapngBytes b = new PcapngBytes().section(ByteOrder.LITTLE_ENDIAN).iface(1, 9).iface(276, -1);
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                b.packet(0, i, ETH);
            } else {
                b.packet(1, i, sll2);
            }
        }
        byte[] file = b.bytes();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int round = 0; round < 3; round++) { // the last round counts, after the JIT
            try (PcapReader r = read(file)) {
                long before = mx.getThreadAllocatedBytes(tid);
                long sum = 0;
                while (r.next()) {
                    sum += r.length();
                }
                long bytes = mx.getThreadAllocatedBytes(tid) - before;
                assertEquals((long) n / 2 * ETH.length * 2, sum);
                if (round == 2) {
                    assertTrue(bytes < n / 10, bytes + " bytes allocated over " + n + " records");
                }
            }
        }
    }

    private static byte[] pcap(int linkType, byte[]... records) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bos, linkType)) {
            for (byte[] rec : records) {
                w.write(1_000_000_000L, rec, 0, rec.length);
            }
        }
        return bos.toByteArray();
    }
}
