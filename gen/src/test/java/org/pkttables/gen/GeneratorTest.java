package org.pkttables.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.io.pcap.PcapReader;

class GeneratorTest {
    @TempDir
    Path dir;

    @Test
    void theSameSeedGivesTheSameFileAnotherSeedAnother() throws Exception {
        GenOptions o = new GenOptions().count(500).concurrency(50);
        Path a = dir.resolve("a.pcap");
        Path b = dir.resolve("b.pcap");
        Path c = dir.resolve("c.pcap");
        long n = new Generator(Profile.builtin("http"), o).writePcap(a);
        new Generator(Profile.builtin("http"), o).writePcap(b);
        new Generator(Profile.builtin("http"), o.seed(2)).writePcap(c);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertNotEquals(Files.size(a), 0);
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
        long read = 0;
        try (PcapReader r = new PcapReader(a)) {
            assertEquals(PcapReader.LINKTYPE_ETHERNET, r.linkType());
            while (r.next()) {
                read++;
            }
        }
        assertEquals(n, read);
        // http: 3 handshake + 1 request + 8 response segments + 3 ACKs (the 4th rides on the FIN) + 3 close
        assertEquals(500 * 18, n);
    }

    @Test
    void flowsInterleaveWithConcurrencyAndTimestampsFollowTheRates() {
        Generator g = new Generator(Profile.builtin("dns"),
                new GenOptions().count(100).concurrency(10).pps(1000).rate(100).startNanos(0));
        long last = -1;
        boolean interleaved = false;
        long maxFlowSeen = -1;
        while (g.next()) {
            assertTrue(g.timestampNanos() >= last);
            if (last >= 0 && g.timestampNanos() - last != 1_000_000) {
                // a jump only when no flow was open: the next flow's start
                assertEquals(0, g.timestampNanos() % 10_000_000, "flow start at 1/rate");
            }
            if (g.flow() < maxFlowSeen) {
                interleaved = true;
            }
            maxFlowSeen = Math.max(maxFlowSeen, g.flow());
            // no flow starts before its time: flow i opens at i / rate
            assertTrue(g.timestampNanos() >= g.flow() * 10_000_000L, "flow " + g.flow() + " early");
            last = g.timestampNanos();
        }
        assertEquals(100, g.flowsFinished());
        assertEquals(200, g.frames());
        Generator fast = new Generator(Profile.builtin("http"), new GenOptions().count(200).concurrency(20));
        long prev = -1;
        while (fast.next()) {
            if (fast.flow() < prev) {
                interleaved = true;
            }
            prev = fast.flow();
        }
        assertTrue(interleaved, "frames of different flows interleave");
    }

    @Test
    void theSteadyStateAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Generator g = new Generator(Profile.builtin("http"), new GenOptions().count(1_000_000).concurrency(256));
        for (int i = 0; i < 50_000; i++) {
            g.next();
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        long sum = 0;
        for (int i = 0; i < 200_000; i++) {
            g.next();
            sum += g.length();
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(sum > 0);
        assertTrue(allocated < 1024, allocated + " bytes allocated for 200,000 frames");
    }
}
