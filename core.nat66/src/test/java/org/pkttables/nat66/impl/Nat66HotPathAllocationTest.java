package org.pkttables.nat66.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.nat.NatCore;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * An established NAT66 connection allocates nothing per packet: after warm-up, 20,000 round trips (the
 * original packet source-translated, the reply translated back, each through PREROUTING, FORWARD and
 * POSTROUTING with conntrack) stay within a few hundred bytes on this thread (HotSpot's counter).
 */
class Nat66HotPathAllocationTest {
    private static final int ROUNDS = 20_000;
    private static final Hook[] PATH = { Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING };

    @Test
    void establishedNat66FlowAllocatesNothing() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean,
                "needs HotSpot's per-thread allocation counter");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
        AtomicLong now = new AtomicLong(1_000_000);
        Harness h = new Nat66Harness(new ConntrackEngine(1024, 5, now::get), new NatCore()).harness();
        assertEquals(0, h.sh("ip6tables -t nat -A POSTROUTING -o wan -j SNAT --to-source 2001:db8::1").exit());
        byte[] out = Frames.ipv6("fd00::2", "2001:db8:1::7").udp(5000, 53).payload("query").build();
        byte[] in = Frames.ipv6("2001:db8:1::7", "2001:db8::1").udp(53, 5000).payload("answer").build();
        byte[] bo = out.clone();
        byte[] bi = in.clone();
        long tid = Thread.currentThread().getId();
        int sink = run(h, out, in, bo, bi);
        sink += run(h, out, in, bo, bi);
        long before = bean.getThreadAllocatedBytes(tid);
        sink += run(h, out, in, bo, bi);
        long allocated = bean.getThreadAllocatedBytes(tid) - before;
        assertEquals(3 * ROUNDS * 2 * Verdict.ACCEPT, sink, "every packet passed");
        assertArrayEquals(Frames.ipv6("2001:db8:1::7", "fd00::2").udp(53, 5000).payload("answer").build(), bi,
                "and was translated");
        assertTrue(allocated < 1024, allocated + " bytes allocated for " + ROUNDS * 2 + " packets");
    }

    private static int run(Harness h, byte[] out, byte[] in, byte[] bo, byte[] bi) {
        int n = 0;
        for (int r = 0; r < ROUNDS; r++) {
            System.arraycopy(out, 0, bo, 0, out.length);
            n += h.injectPath(Family.IPV6, bo, "lan", "wan", PATH);
            System.arraycopy(in, 0, bi, 0, in.length);
            n += h.injectPath(Family.IPV6, bi, "wan", "lan", PATH);
        }
        return n;
    }
}
