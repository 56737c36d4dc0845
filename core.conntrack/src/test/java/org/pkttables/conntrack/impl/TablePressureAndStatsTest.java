package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.tables.testing.Frames.ACK;
import static org.pkttables.tables.testing.Frames.FIN;
import static org.pkttables.tables.testing.Frames.SYN;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend;
import org.pkttables.conntrack.ConntrackEntry;
import org.pkttables.conntrack.ConntrackFilter;
import org.pkttables.conntrack.EarlyDropPolicy;
import org.pkttables.tables.testing.Frames;

/** The full table's early-drop policy as a service, short timeouts under pressure, and conntrack-stat. */
class TablePressureAndStatsTest {
    private final AtomicLong now = new AtomicLong(1_000_000);

    private static byte[] udp(int sport) {
        return Frames.ipv4("10.0.0.1", "10.0.0.2").udp(sport, 53).payload("q").build();
    }

    @Test
    void aFullTableAsksThePluggedPolicyWhichEntryToGive() {
        ConntrackEngine e = new ConntrackEngine(4, 1, now::get);
        for (int p = 1000; p < 1004; p++) {
            Seg.feed(e, udp(p));
        }
        assertEquals(4, e.count());
        // A policy that keeps everything: the new flow finds no room.
        e.setEarlyDropPolicy(c -> EarlyDropPolicy.KEEP);
        Seg.feed(e, udp(2000));
        assertEquals(0, e.list(ConntrackFilter.ALL.withSport(2000).withProtocol(17)).size());
        assertEquals(1, e.stats().drop());
        // The default gives up an unreplied flow.
        e.setEarlyDropPolicy(null);
        Seg.feed(e, udp(2001));
        assertEquals(1, e.list(ConntrackFilter.ALL.withSport(2001).withProtocol(17)).size());
        assertEquals(4, e.count());
        assertEquals(1, e.stats().earlyDrop());
    }

    @Test
    void aSecondPolicyDeployedAtRuntimeReplacesTheDefault() {
        ConntrackEngine e = new ConntrackEngine(4, 1, now::get);
        for (int p = 1000; p < 1004; p++) {
            Seg.feed(e, udp(p));
        }
        // flows 1000 and 1001 get replies
        Seg.feed(e, Frames.ipv4("10.0.0.2", "10.0.0.1").udp(53, 1000).payload("r").build());
        Seg.feed(e, Frames.ipv4("10.0.0.2", "10.0.0.1").udp(53, 1001).payload("r").build());
        // an (odd) operator policy: replied flows go first, unreplied ones stay
        e.setEarlyDropPolicy(c -> (c.status() & org.pkttables.conntrack.CtStatus.SEEN_REPLY) != 0 ? 1
                : EarlyDropPolicy.KEEP);
        Seg.feed(e, udp(2000));
        List<ConntrackEntry> replied = e.list(ConntrackFilter.ALL.withProtocol(17)
                .withStatus(org.pkttables.conntrack.CtStatus.SEEN_REPLY, 0));
        assertEquals(1, replied.size(), "one replied flow gave way");
        assertEquals(3, e.list(ConntrackFilter.ALL.withProtocol(17)
                .withStatus(0, org.pkttables.conntrack.CtStatus.SEEN_REPLY)).size(), "both unreplied stayed, and the new one");
    }

    @Test
    void aPolicyThatThrowsFallsBackToTheDefault() {
        ConntrackEngine e = new ConntrackEngine(2, 1, now::get);
        Seg.feed(e, udp(1000));
        Seg.feed(e, udp(1001));
        e.setEarlyDropPolicy(c -> {
            throw new IllegalStateException("broken policy");
        });
        Seg.feed(e, udp(1002));
        assertEquals(1, e.list(ConntrackFilter.ALL.withSport(1002).withProtocol(17)).size(), "made room anyway");
    }

    @Test
    void unrepliedEntriesGetTheShortTimeoutWhenTheTableIsNearlyFull() {
        ConntrackEngine e = new ConntrackEngine(10, 1, now::get);
        for (int p = 1000; p < 1009; p++) {
            Seg.feed(e, udp(p));
        }
        // 9 of 10: not above 90% yet, the UDP timeout as usual
        List<ConntrackEntry> l = e.list(ConntrackFilter.ALL.withSport(1008).withProtocol(17));
        assertEquals(30, l.get(0).timeoutSeconds());
        Seg.feed(e, udp(1009));
        assertEquals(5, e.list(ConntrackFilter.ALL.withSport(1009).withProtocol(17)).get(0).timeoutSeconds());
        // a retransmission of an unreplied flow while full: short as well
        Seg.feed(e, udp(1000));
        assertEquals(5, e.list(ConntrackFilter.ALL.withSport(1000).withProtocol(17)).get(0).timeoutSeconds());
        assertEquals(2, e.pressured());
        CommandFrontend.Result r = new ConntrackStatCommand(e).run(List.of("pressure"), null);
        assertTrue(r.out().contains("pressure timeout (5 s, table over 90% full): 2"), r.out());
    }

    @Test
    void closeWaitDurationsAreRecorded() {
        ConntrackEngine e = new ConntrackEngine(64, 1, now::get);
        Seg.feed(e, Seg.tcp("10.0.0.1", "10.0.0.2", 40000, 80, SYN, 1000, 0, 65535, 0));
        Seg.feed(e, Seg.tcp("10.0.0.2", "10.0.0.1", 80, 40000, SYN | ACK, 5000, 1001, 65535, 0));
        Seg.feed(e, Seg.tcp("10.0.0.1", "10.0.0.2", 40000, 80, ACK, 1001, 5001, 65535, 0));
        // the client closes its side; the server acknowledges and stays half-closed for 3 s
        Seg.feed(e, Seg.tcp("10.0.0.1", "10.0.0.2", 40000, 80, FIN | ACK, 1001, 5001, 65535, 0));
        Seg.feed(e, Seg.tcp("10.0.0.2", "10.0.0.1", 80, 40000, ACK, 5001, 1002, 65535, 0));
        assertEquals("CLOSE_WAIT", e.list(ConntrackFilter.ALL).get(0).state());
        now.addAndGet(3_000);
        ConntrackStatCommand stat = new ConntrackStatCommand(e);
        assertTrue(stat.run(List.of("closewait"), null).out().contains("in CLOSE_WAIT now 1, longest 3 s"));
        Seg.feed(e, Seg.tcp("10.0.0.2", "10.0.0.1", 80, 40000, FIN | ACK, 5001, 1002, 65535, 0));
        assertEquals("LAST_ACK", e.list(ConntrackFilter.ALL).get(0).state());
        String out = stat.run(List.of("closewait"), null).out();
        assertTrue(out.contains("<10s  1\n") && out.contains("left 1, mean 3.0 s\n")
                && out.contains("in CLOSE_WAIT now 0"), out);
    }

    @Test
    void bucketsReportTheChainLengths() {
        ConntrackEngine e = new ConntrackEngine(64, 1, now::get);
        for (int p = 1000; p < 1010; p++) {
            Seg.feed(e, udp(p));
        }
        String out = new ConntrackStatCommand(e).run(List.of("buckets"), null).out();
        assertTrue(out.startsWith("buckets 64, entries 10, load 0.156\nchain  buckets\n0     "), out);
        assertTrue(out.contains("mean entries read per hit"), out);
        CommandFrontend.Result bad = new ConntrackStatCommand(e).run(List.of("nope"), null);
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("unknown report `nope'"), bad.err());
    }
}
