package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.conntrack.impl.match.ConnbytesMatchType;
import org.pkttables.conntrack.impl.match.ConnlimitMatchType;
import org.pkttables.tables.testing.AllocationMeter;
import org.pkttables.tables.testing.ExtArgs;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Packets;

/** connbytes and connlimit allocate nothing per packet (the counters and records are allocated up front). */
class CountingMatchesAllocationTest {
    private static Match compile(MatchType t, String line) {
        return t.compile(t.canonicalize(ExtArgs.parse(t.descriptor(), Family.IPV4, 6, line)));
    }

    @Test
    void noAllocationPerPacket() {
        Assumptions.assumeTrue(AllocationMeter.available(), "needs HotSpot's per-thread allocation counter");
        AtomicLong now = new AtomicLong(1_000_000);
        ConntrackEngine engine = new ConntrackEngine(64, 5, now::get);
        PacketContext p = Packets.ctx4(Frames.ipv4("192.0.2.7", "10.0.0.1").tcp(40000, 22).flags(Frames.SYN).build());
        engine.track(p);
        Match[] ms = {
            compile(new ConnbytesMatchType(), "--connbytes 1:100 --connbytes-dir both --connbytes-mode avgpkt"),
            compile(new ConnlimitMatchType(), "--connlimit-above 2 --connlimit-mask 24"),
        };
        AllocationMeter.Measurement m = AllocationMeter.measure(AllocationMeter.matching(ms, p));
        assertTrue(m.sink() > 0, "the connection is tracked, so connbytes matched");
        assertTrue(m.bytes() < 1024, m.toString());
    }
}
