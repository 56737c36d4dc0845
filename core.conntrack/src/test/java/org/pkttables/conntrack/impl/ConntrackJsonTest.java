package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.tables.testing.Frames.SYN;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.match.ConntrackMatchType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;

/** {@code conntrack -L --json} and {@code -S --json}: the same entries and counters as the text forms. */
class ConntrackJsonTest extends TrackedHarnessTest {
    @BeforeEach
    void setUp() {
        track(new String[] { "ipv4", "ipv6" }, new Ipv4Handler(), new TcpMatchType(), new ConntrackMatchType(),
                new ConntrackCommand(engine));
        assertEquals(0, h.sh("iptables -A INPUT -m conntrack --ctstate NEW -p tcp --dport 80 -j ACCEPT").exit());
    }

    @Test
    void entriesAndStatsAsJson() throws IOException {
        byte[] syn = Seg.tcp("192.0.2.7", "10.0.0.1", 40000, 80, SYN, 1000, 0, 65535, 0);
        assertEquals(Verdict.ACCEPT, h.inject(Family.IPV4, Hook.PREROUTING, syn, "eth0", null));
        assertEquals(Verdict.ACCEPT, h.inject(Family.IPV4, Hook.INPUT, syn, "eth0", null));
        Result r = h.sh("conntrack -L --json");
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> doc = JSON.std.mapFrom(r.out());
        assertEquals(1, doc.get("count"));
        Map<?, ?> e = (Map<?, ?>) ((List<?>) doc.get("entries")).get(0);
        assertEquals("tcp", e.get("protocol"));
        assertEquals("SYN_SENT", e.get("state"));
        // accounting is on (nf_conntrack_acct 1, the default here): each direction has its counters
        assertEquals(Map.of("src", "192.0.2.7", "dst", "10.0.0.1", "sport", 40000, "dport", 80, "packets", 1, "bytes", 40),
                e.get("orig"));
        assertEquals(Map.of("src", "10.0.0.1", "dst", "192.0.2.7", "sport", 80, "dport", 40000, "packets", 0, "bytes", 0),
                e.get("reply"));
        assertEquals(false, e.get("replied"));
        // the filters of the text form apply
        assertEquals(0, JSON.std.mapFrom(h.sh("conntrack -L -p udp --json").out()).get("count"));
        Map<?, ?> stats = (Map<?, ?>) JSON.std.mapFrom(h.sh("conntrack -S --json").out()).get("stats");
        assertEquals(1, stats.get("count"));
        assertTrue(stats.containsKey("early_drop") && stats.containsKey("insert_failed"), stats.toString());
        assertEquals(2, h.sh("conntrack -F --json").exit(), "--json goes with -L, -G and -S only");
        // the metrics' per-state counts, counted without locks, agree with the listing
        assertEquals(Map.of(6, Map.of("SYN_SENT", 1L)), engine.stateCounts());
    }
}
