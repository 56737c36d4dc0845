package org.pkttables.ext.nptv6.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Target;
import org.pkttables.tables.testing.Frames;

/**
 * SNPT and DNPT allocate nothing per packet: after warm-up, 20,000 rounds over a UDP packet and an ICMPv6
 * error (the quoted header translated too) must stay within a few hundred bytes on this thread.
 */
class NptHotPathAllocationTest {
    private static final int ROUNDS = 20_000;

    private static Ipv6Prefix prefix(String p) {
        return Ipv6PrefixType.INSTANCE.parse(List.of(p));
    }

    private static PacketContext ctx(byte[] f) {
        PacketContext p = new PacketContext().reset(f, 0, f.length);
        p.setL3(14, Frames.ETH_IPV6);
        return p;
    }

    @Test
    void translatingAllocatesNothing() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean,
                "needs HotSpot's per-thread allocation counter");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
        Ipv6Prefix inside = prefix("fd01:203:405::/48");
        Ipv6Prefix outside = prefix("2001:db8:1::/48");
        Target[] ts = { new NptTarget(new NptMapping(inside, outside), true),
                new NptTarget(new NptMapping(outside, inside), false),
                new NptTarget(new NptMapping(prefix("fd00:1:2:4000::/50"), prefix("2001:db8:aa:8000::/50")), true) };
        byte[] udp = Frames.ipv6("fd01:203:405:1::1234", "2001:db8:1:d550::1").udp(1, 2).payload("x").build();
        byte[] quoted = java.util.Arrays.copyOfRange(udp, 14, udp.length);
        byte[] err = Frames.ipv6("2001:db8:ffff::fe", "2001:db8:1:d550::1234").icmp(1, 4).payload(quoted).build();
        PacketContext[] ps = { ctx(udp), ctx(err) };
        long tid = Thread.currentThread().getId();
        int sink = run(ts, ps);
        sink += run(ts, ps);
        long before = bean.getThreadAllocatedBytes(tid);
        sink += run(ts, ps);
        long allocated = bean.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 1024, allocated + " bytes allocated (sink " + sink + ")");
    }

    private static int run(Target[] ts, PacketContext[] ps) {
        int sink = 0;
        for (int i = 0; i < ROUNDS; i++) {
            for (PacketContext p : ps) {
                for (Target t : ts) {
                    sink += t.apply(p);
                }
            }
        }
        return sink;
    }
}
