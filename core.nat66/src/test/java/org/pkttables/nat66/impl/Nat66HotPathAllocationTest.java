package org.pkttables.nat66.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.nat.NatCore;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.AllocationMeter;
import org.pkttables.tables.testing.Harness;

/**
 * An established NAT66 connection allocates nothing per packet: after warm-up, 20,000 round trips (the
 * original packet source-translated, the reply translated back, each through PREROUTING, FORWARD and
 * POSTROUTING with conntrack) stay within a few hundred bytes on this thread ({@link AllocationMeter}).
 */
class Nat66HotPathAllocationTest {
    private static final Hook[] PATH = { Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING };

    @Test
    void establishedNat66FlowAllocatesNothing() {
        Assumptions.assumeTrue(AllocationMeter.available(), "needs HotSpot's per-thread allocation counter");
        AtomicLong now = new AtomicLong(1_000_000);
        Harness h = new Nat66Harness(new ConntrackEngine(1024, 5, now::get), new NatCore()).harness();
        assertEquals(0, h.sh("ip6tables -t nat -A POSTROUTING -o wan -j SNAT --to-source 2001:db8::1").exit());
        byte[] out = Frames.ipv6("fd00::2", "2001:db8:1::7").udp(5000, 53).payload("query").build();
        byte[] in = Frames.ipv6("2001:db8:1::7", "2001:db8::1").udp(53, 5000).payload("answer").build();
        byte[] bo = out.clone();
        byte[] bi = in.clone();
        AllocationMeter.Measurement m = AllocationMeter.measure(() -> {
            System.arraycopy(out, 0, bo, 0, out.length);
            int v = h.injectPath(Family.IPV6, bo, "lan", "wan", PATH);
            System.arraycopy(in, 0, bi, 0, in.length);
            int w = h.injectPath(Family.IPV6, bi, "wan", "lan", PATH);
            return v == Verdict.ACCEPT && w == Verdict.ACCEPT ? 1 : -1_000_000;
        });
        assertTrue(m.sink() > 0, "every packet passed");
        assertArrayEquals(Frames.ipv6("2001:db8:1::7", "fd00::2").udp(53, 5000).payload("answer").build(), bi,
                "and was translated");
        assertTrue(m.bytes() < 1024, m + " for " + AllocationMeter.ROUNDS * 2 + " packets");
    }
}
