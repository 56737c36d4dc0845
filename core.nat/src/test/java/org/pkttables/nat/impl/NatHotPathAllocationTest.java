package org.pkttables.nat.impl;

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
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.AllocationMeter;
import org.pkttables.tables.testing.Harness;
import org.pkttables.nat.NatCore;

/**
 * An established NATed connection allocates nothing per packet: after warm-up, 20,000 round trips (the
 * original packet source-translated, the reply translated back, each through PREROUTING, FORWARD and
 * POSTROUTING with conntrack), stay within a few hundred bytes on this thread (HotSpot's counter). IPv6:
 * core.nat66's Nat66HotPathAllocationTest.
 */
class NatHotPathAllocationTest {
    private static final int ROUNDS = AllocationMeter.ROUNDS;
    private static final Hook[] PATH = { Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING };

    @Test
    void establishedNatFlowAllocatesNothing() {
        assertAllocatesNothing(Family.IPV4, "iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1",
                Frames.ipv4("10.0.0.2", "198.51.100.7").udp(5000, 53).payload("query").build(),
                Frames.ipv4("198.51.100.7", "203.0.113.1").udp(53, 5000).payload("answer").build(),
                Frames.ipv4("198.51.100.7", "10.0.0.2").udp(53, 5000).payload("answer").build());
    }

    /**
     * A NATed FTP control connection whose PORT was rewritten one byte shorter: every later segment goes
     * through the helper and gets its sequence or acknowledgement number adjusted, allocating nothing.
     */
    @Test
    void anFtpControlConnectionWithSeqAdjustAllocatesNothingPerSegment() {
        AtomicLong now = new AtomicLong(1_000_000);
        ConntrackEngine engine = new ConntrackEngine(1024, 5, now::get);
        Harness h = NatEngineTest.natHarness(engine, new NatCore(), new java.util.ArrayList<>(
                java.util.List.of(new org.pkttables.conntrack.impl.target.CtTargetType())));
        engine.helperRegistry.add(new org.pkttables.helper.ftp.FtpHelper());
        assertEquals(0, h.sh("iptables -t raw -A PREROUTING -p tcp -j CT --helper ftp").exit());
        assertEquals(0, h.sh("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1").exit());
        String c = "192.168.1.10";
        String srv = "198.51.100.7";
        int ack = 0x10;
        assertEquals(Verdict.ACCEPT, h.injectPath(Family.IPV4, NatHelpersTest.tcp(c, srv, 40000, 21, 0x02, 100, 0, ""),
                "lan", "wan", PATH));
        assertEquals(Verdict.ACCEPT, h.injectPath(Family.IPV4, NatHelpersTest.tcp(srv, "203.0.113.1", 21, 40000,
                0x12, 900, 101, ""), "wan", "lan", PATH));
        String port = "PORT 192,168,1,10,195,80\r\n"; // 26 bytes, 25 once translated
        assertEquals(Verdict.ACCEPT, h.injectPath(Family.IPV4, NatHelpersTest.tcp(c, srv, 40000, 21, ack, 101, 901,
                port), "lan", "wan", PATH));
        assertEquals(-1, h.last().end() - h.last().start() - (54 + port.length()), "the PORT segment shrank");
        byte[] out = NatHelpersTest.tcp(c, srv, 40000, 21, ack, 127, 901, "NOOP\r\n");
        byte[] in = NatHelpersTest.tcp(srv, "203.0.113.1", 21, 40000, ack, 901, 132, "200 ok\r\n");
        byte[] bo = out.clone();
        byte[] bi = in.clone();
        long allocated = steadyStateBytes(h, Family.IPV4, out, in, bo, bi);
        assertArrayEquals(NatHelpersTest.tcp("203.0.113.1", srv, 40000, 21, ack, 126, 901, "NOOP\r\n"), bo,
                "the client's sequence number moved back by the byte the PORT lost");
        assertArrayEquals(NatHelpersTest.tcp(srv, c, 21, 40000, ack, 901, 133, "200 ok\r\n"), bi,
                "the server's acknowledgement moved forward by it");
        // far below one object per segment (16 B x 40,000 = 640 KB); a few KB are the JIT and the GC on a busy machine
        assertTrue(allocated < 8192, allocated + " bytes allocated for " + ROUNDS * 2 + " segments");
    }

    private static void assertAllocatesNothing(Family family, String rule, byte[] out, byte[] in, byte[] inTranslated) {
        AtomicLong now = new AtomicLong(1_000_000);
        Harness h = NatEngineTest.natHarness(new ConntrackEngine(1024, 5, now::get), new NatCore());
        assertEquals(0, h.sh(rule).exit());
        byte[] bo = out.clone();
        byte[] bi = in.clone();
        long allocated = steadyStateBytes(h, family, out, in, bo, bi);
        assertArrayEquals(inTranslated, bi, "and was translated");
        assertTrue(allocated < 1024, allocated + " bytes allocated for " + ROUNDS * 2 + " packets");
    }

    /**
     * {@link AllocationMeter#measure} of round trips ({@code out} lan to wan into {@code bo}, {@code in} back
     * into {@code bi}), every packet accepted: the steady state's bytes. Skips without HotSpot's counter.
     */
    private static long steadyStateBytes(Harness h, Family family, byte[] out, byte[] in, byte[] bo,
            byte[] bi) {
        Assumptions.assumeTrue(AllocationMeter.available(), "needs HotSpot's per-thread allocation counter");
        AllocationMeter.Measurement m = AllocationMeter.measure(() -> {
            System.arraycopy(out, 0, bo, 0, out.length);
            int v = h.injectPath(family, bo, "lan", "wan", PATH);
            System.arraycopy(in, 0, bi, 0, in.length);
            int w = h.injectPath(family, bi, "wan", "lan", PATH);
            return v == Verdict.ACCEPT && w == Verdict.ACCEPT ? 1 : -1_000_000;
        });
        assertTrue(m.sink() > 0, "every packet passed");
        return m.bytes();
    }

}
