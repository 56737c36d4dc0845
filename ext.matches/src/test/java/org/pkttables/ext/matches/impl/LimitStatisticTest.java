package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.Packets;

/** limit and statistic: stateful per rule, deterministic with a fake clock / counter. */
class LimitStatisticTest {
    private final AtomicLong now = new AtomicLong(123_456_789L);
    private final LimitMatchType limit = new LimitMatchType(now::get);
    private final PacketContext p = Packets.ctx4(Packets.ipv4(17, Packets.udp(1, 2)));

    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstThenRate() {
        Match m = Compiled.v4(limit, "--limit 2/sec --limit-burst 3");
        for (int i = 0; i < 3; i++) {
            assertTrue(m.matches(p), "burst packet " + i);
        }
        assertFalse(m.matches(p));
        now.addAndGet(SECOND / 2 - 1);
        assertFalse(m.matches(p), "a token takes half a second");
        now.addAndGet(1);
        assertTrue(m.matches(p));
        assertFalse(m.matches(p));
        now.addAndGet(10 * SECOND);
        int passed = 0;
        for (int i = 0; i < 10; i++) {
            passed += m.matches(p) ? 1 : 0;
        }
        assertEquals(3, passed, "an idle bucket refills only up to the burst");
    }

    @Test
    void defaultIsThreePerHourBurstFive() {
        Match m = Compiled.v4(limit, "");
        int passed = 0;
        for (int i = 0; i < 10; i++) {
            passed += m.matches(p) ? 1 : 0;
        }
        assertEquals(5, passed);
        now.addAndGet(1200 * SECOND);
        assertTrue(m.matches(p));
        assertFalse(m.matches(p));
    }

    @Test
    void concurrentWorkersShareOneBucketExactly() throws InterruptedException {
        Match m = Compiled.v4(limit, "--limit 1/hour --limit-burst 1000");
        assertEquals(1000, Workers.matched(m, 4, 1000), "the clock stands still: exactly the burst passes");
    }

    @Test
    void listsRatesAsPrintRate() {
        assertEquals("--limit 1/sec", Compiled.listed(limit, Family.IPV4, -1, "--limit 60/minute --limit-burst 5"));
        assertEquals("--limit 3/hour --limit-burst 9", Compiled.listed(limit, Family.IPV4, -1, "--limit-burst 9"));
        assertEquals("--limit 7/min", Compiled.listed(limit, Family.IPV4, -1, "--limit 7/m"));
        assertEquals("--limit 10000/sec", Compiled.listed(limit, Family.IPV4, -1, "--limit 10000"));
    }

    private final StatisticMatchType statistic = new StatisticMatchType();

    private String pattern(Match m, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(m.matches(p) ? 'x' : '.');
        }
        return sb.toString();
    }

    @Test
    void nthFollowsTheKernelCounter() {
        assertEquals("x..x..x..", pattern(Compiled.v4(statistic, "--mode nth --every 3 --packet 0"), 9));
        // as measured on the kernel: --packet 1 matches the 2nd, 5th, ... packet
        assertEquals("..x..x..x", pattern(Compiled.v4(statistic, "--mode nth --every 3 --packet 2"), 9));
        assertEquals(".x..x..x.", pattern(Compiled.v4(statistic, "--mode nth --every 3 --packet 1"), 9));
        assertEquals(".xx.xx.xx", pattern(Compiled.v4(statistic, "--mode nth ! --every 3 --packet 0"), 9));
        assertEquals("xxxx", pattern(Compiled.v4(statistic, "--mode nth --every 1 --packet 0"), 4));
    }

    @Test
    void randomExtremesAreCertain() {
        assertEquals("xxxxxxxxxx", pattern(Compiled.v4(statistic, "--mode random --probability 1"), 10));
        assertEquals("..........", pattern(Compiled.v4(statistic, "--mode random --probability 0"), 10));
        assertEquals("xxxxxxxxxx", pattern(Compiled.v4(statistic, "--mode random ! --probability 0"), 10));
        assertEquals("--mode random --probability 0.10000000009",
                Compiled.listed(statistic, Family.IPV4, -1, "--mode random --probability 0.1"));
    }
}
