package org.pkttables.ext.nptv6.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Target;
import org.pkttables.tables.testing.AllocationMeter;
import org.pkttables.tables.testing.Frames;

/**
 * SNPT and DNPT allocate nothing per packet: after warm-up, 20,000 rounds over a UDP packet and an ICMPv6
 * error (the quoted header translated too) must stay within a few hundred bytes on this thread.
 */
class NptHotPathAllocationTest {
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
        Assumptions.assumeTrue(AllocationMeter.available(), "needs HotSpot's per-thread allocation counter");
        Ipv6Prefix inside = prefix("fd01:203:405::/48");
        Ipv6Prefix outside = prefix("2001:db8:1::/48");
        Target[] ts = { new NptTarget(new NptMapping(inside, outside), true),
                new NptTarget(new NptMapping(outside, inside), false),
                new NptTarget(new NptMapping(prefix("fd00:1:2:4000::/50"), prefix("2001:db8:aa:8000::/50")), true) };
        byte[] udp = Frames.ipv6("fd01:203:405:1::1234", "2001:db8:1:d550::1").udp(1, 2).payload("x").build();
        byte[] quoted = java.util.Arrays.copyOfRange(udp, 14, udp.length);
        byte[] err = Frames.ipv6("2001:db8:ffff::fe", "2001:db8:1:d550::1234").icmp(1, 4).payload(quoted).build();
        PacketContext[] ps = { ctx(udp), ctx(err) };
        AllocationMeter.Measurement m = AllocationMeter.measure(AllocationMeter.applying(ts, ps));
        assertTrue(m.bytes() < 1024, m.toString());
    }
}
