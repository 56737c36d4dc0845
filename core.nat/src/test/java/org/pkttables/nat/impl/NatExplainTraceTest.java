package org.pkttables.nat.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.TraceEvent;
import org.pkttables.api.TraceListener;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.nat.NatCore;
import org.pkttables.tables.impl.TraceTargetType;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * NAT in {@code explain} and {@code trace}: explain walks the nat table's chain where the NAT engine runs it
 * (the described packet is a connection's first), says what the NAT target translates the tuple to, and
 * later hooks see the translated packet; it changes no state (no counter, no conntrack entry, no binding).
 * A traced packet's events show the nat rules it matched and the translation step.
 */
class NatExplainTraceTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ConntrackEngine engine = new ConntrackEngine(1024, 5, now::get);
    private final NatCore core = new NatCore();
    private final Harness h = NatEngineTest.natHarness(engine, core);

    private void sh(String cmd) {
        assertEquals(0, h.sh(cmd).exit(), cmd);
    }

    @Test
    void explainShowsTheNatChainsAndTheTranslationAndTheLaterHooksSeeIt() {
        sh("iptables -t nat -A PREROUTING -i wan -d 203.0.113.1 -p tcp -j DNAT --to-destination 10.0.0.9:80");
        sh("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1");
        sh("iptables -P FORWARD DROP");
        sh("iptables -A FORWARD -d 10.0.0.9 -j ACCEPT");
        String in = h.sh("explain -p tcp -s 198.51.100.7 -d 203.0.113.1 --sport 40000 --dport 8080 -i wan -o lan")
                .out();
        assertTrue(in.contains("  nat PREROUTING #1 -d 203.0.113.1/32 -i wan -p tcp -j DNAT "
                + "--to-destination 10.0.0.9:80  => ACCEPT\n"
                + "      nat: tcp 198.51.100.7:40000 -> 203.0.113.1:8080 => 198.51.100.7:40000 -> 10.0.0.9:80\n"), in);
        assertTrue(in.contains("filter FORWARD #1 -d 10.0.0.9/32 -j ACCEPT  => ACCEPT"),
                "FORWARD sees the translated destination: " + in);
        assertTrue(in.contains("\nverdict: ACCEPT\n"), in);
        assertTrue(in.endsWith("(not consulted: conntrack, conntrack confirm)\n"),
                "the NAT hook functions' place is the nat table's: " + in);

        String out = h.sh("explain --path output -p udp -s 10.0.0.2 -d 198.51.100.7 --sport 5000 --dport 53 -o wan")
                .out();
        assertTrue(out.contains("  nat POSTROUTING #1 -o wan -j SNAT --to-source 203.0.113.1  => ACCEPT\n"
                + "      nat: udp 10.0.0.2:5000 -> 198.51.100.7:53 => 203.0.113.1:5000 -> 198.51.100.7:53\n"), out);
        assertTrue(out.contains("\nverdict: ACCEPT\n"), out);

        // explain changed nothing: no counter, no connection, no binding in use
        String counters = h.sh("iptables -t nat -L -v -n -x").out();
        assertTrue(counters.contains("\n       0        0 DNAT") && counters.contains("\n       0        0 SNAT"),
                counters);
        assertEquals("", h.sh("conntrack -L").out());
        assertFalse(core.inUse, "no real connection was bound");
    }

    @Test
    void explainSaysWhenTheTupleIsKeptAndWhenNoNatRuleMatches() {
        sh("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 10.0.0.2");
        String kept = h.sh("explain -p udp -s 10.0.0.2 -d 198.51.100.7 --sport 5000 --dport 53 -i lan -o wan").out();
        assertTrue(kept.contains("nat: udp 10.0.0.2:5000 -> 198.51.100.7:53 kept (its tuple needs no change)"), kept);
        String other = h.sh("explain -p udp -s 10.0.0.2 -d 198.51.100.7 -i lan -o dmz").out();
        assertTrue(other.contains("nat POSTROUTING: policy ACCEPT") && !other.contains("nat: "), other);
    }

    @Test
    void traceShowsTheNatRulesAndTheTranslationStepOfATracedFirstPacket() {
        List<TraceEvent> events = new ArrayList<>();
        TraceListener l = events::add;
        h.with(new TraceTargetType(), l);
        sh("iptables -t raw -A PREROUTING -s 10.0.0.2 -j TRACE");
        sh("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1");
        byte[] f = Frames.ipv4("10.0.0.2", "198.51.100.7").udp(5000, 53).payload("q").build();
        assertEquals(Verdict.ACCEPT,
                h.injectPath(Family.IPV4, f, "lan", "wan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING));
        List<String> nat = events.stream().filter(e -> e.table().equals("nat")).map(TraceEvent::toString)
                .map(s -> s.substring(s.indexOf(" ipv4 "))).toList();
        assertEquals(List.of(" ipv4 nat PREROUTING policy ACCEPT [PREROUTING]",
                " ipv4 nat POSTROUTING rule 1: -o wan -j SNAT --to-source 203.0.113.1 [POSTROUTING]",
                " ipv4 nat POSTROUTING nat: udp 10.0.0.2:5000 -> 198.51.100.7:53 => 203.0.113.1:5000 -> "
                        + "198.51.100.7:53 [POSTROUTING]"), nat);
        assertArrayEquals(Frames.ipv4("203.0.113.1", "198.51.100.7").udp(5000, 53).payload("q").build(), f);
        // a later packet of the connection: translated from the binding, no nat table, no translation step
        events.clear();
        byte[] g = Frames.ipv4("10.0.0.2", "198.51.100.7").udp(5000, 53).payload("q").build();
        assertEquals(Verdict.ACCEPT,
                h.injectPath(Family.IPV4, g, "lan", "wan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING));
        assertTrue(events.stream().noneMatch(e -> e.table().equals("nat")), events.toString());
        assertFalse(events.isEmpty(), "still traced");
    }
}
