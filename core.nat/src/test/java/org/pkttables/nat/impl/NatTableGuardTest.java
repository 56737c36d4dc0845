package org.pkttables.nat.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.conntrack.impl.NatTableGuard;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;
import org.pkttables.nat.NatCore;

/**
 * The nat table while the NAT bundle is stopped: its targets and hook functions are gone, the rules stay
 * (they rebind when it returns). Conntrack's {@link NatTableGuard} runs the table for new connections
 * then, so a connection that reaches a NAT rule is dropped and counted (as every rule of a missing
 * extension: its matches are not evaluated either) instead of leaving untranslated.
 */
class NatTableGuardTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ConntrackEngine engine = new ConntrackEngine(1024, 5, now::get);

    private static byte[] udp(String src, String dst, int sp, int dp) {
        return Frames.ipv4(src, dst).udp(sp, dp).payload("hello nat").build();
    }

    private static int out(Harness h, byte[] f) {
        return h.injectPath(Family.IPV4, f, "lan", "wan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING);
    }

    @Test
    void newConnectionsReachingNatRulesAreDroppedWhileTheEngineIsGone() {
        NatCore core = new NatCore();
        List<Object> nat = new ArrayList<>();
        Harness h = NatEngineTest.natHarness(engine, core, nat);
        h.with(new NatTableGuard(engine, h::ruleset), NatTableGuard.properties(true));
        h.with(new NatTableGuard(engine, h::ruleset), NatTableGuard.properties(false));
        assertEquals(0, h.sh("iptables -t nat -A POSTROUTING -o wan -s 10.0.0.0/24 -j SNAT --to-source 203.0.113.1")
                .exit());
        byte[] f = udp("10.0.0.2", "198.51.100.7", 5000, 53);
        assertEquals(Verdict.ACCEPT, out(h, f)); // engine there: translated, the guard stays out of the way
        assertArrayEquals(udp("203.0.113.1", "198.51.100.7", 5000, 53), f);

        // the NAT bundle stops: its targets and hooks leave, conntrack learns no engine is there
        for (Object s : nat) {
            h.without(s);
        }
        engine.setNatPresent(false);
        long before = h.ruleset().failClosedDrops();
        byte[] g = udp("10.0.0.3", "198.51.100.7", 6000, 53);
        assertEquals(Verdict.DROP, out(h, g), "a new connection reaching SNAT is not forwarded untranslated");
        assertArrayEquals(udp("10.0.0.3", "198.51.100.7", 6000, 53), g);
        assertTrue(h.ruleset().failClosedDrops() > before, "counted as a fail-closed drop");
        assertTrue(h.run("iptables-save", "-t", "nat").out().contains("-j SNAT --to-source 203.0.113.1"),
                "the rule stays");
    }
}
