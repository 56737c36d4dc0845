package org.pkttables.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * The packet path allocates nothing: the thread's allocated-bytes counter (HotSpot's, the figure JMH's
 * gc profiler reads) must not move while 200,000 packets go through 60 rules of the basic matches.
 * Not a timing test: it counts bytes, not nanoseconds.
 */
class AllocationTest {
    @Test
    void evaluationAllocatesNothingPerPacket() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's per-thread allocation counter");
        com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
        Harness h = Rulesets.basicMatches(60);
        byte[] syn = Frames.ipv4("10.0.0.1", "10.0.0.2").tcp(40000, 80).flags(Frames.SYN).build();
        byte[] udp = Frames.ipv4("10.0.0.1", "10.0.0.2").udp(40000, 53).build();
        // Warm up so the JIT has compiled (and escape-analysed) the path.
        for (int i = 0; i < 200_000; i++) {
            h.inject(Family.IPV4, Hook.FORWARD, (i & 1) == 0 ? syn : udp, "eth0", "eth1");
        }
        long tid = Thread.currentThread().getId();
        int packets = 200_000;
        long before = hs.getThreadAllocatedBytes(tid);
        int accepted = 0;
        for (int i = 0; i < packets; i++) {
            if (h.inject(Family.IPV4, Hook.FORWARD, (i & 1) == 0 ? syn : udp, "eth0", "eth1") == Verdict.ACCEPT) {
                accepted++;
            }
        }
        long after = hs.getThreadAllocatedBytes(tid);
        assertEquals(packets / 2, accepted, "SYNs are accepted, UDP falls to the DROP policy");
        double perPacket = (after - before) / (double) packets;
        System.out.printf("allocation: %d bytes for %d packets = %.4f B/packet%n", after - before, packets, perPacket);
        // A single allocation per packet would be >= 16 bytes each; allow a little for the counter call itself.
        assertTrue(perPacket < 0.01, "packet path allocated " + perPacket + " bytes per packet");
    }
}
