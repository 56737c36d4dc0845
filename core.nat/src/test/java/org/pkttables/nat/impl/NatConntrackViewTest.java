package org.pkttables.nat.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;
import org.pkttables.nat.NatCore;

/**
 * {@code conntrack} on entries the NAT engine really bound: the reply-tuple and NAT-address filters of
 * {@code -L}, {@code -C} and {@code -D} (conntrack-tools 1.4.7) with its output lines and summaries.
 */
class NatConntrackViewTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ConntrackEngine engine = new ConntrackEngine(1024, 5, now::get);
    private final Harness h = NatEngineTest.natHarness(engine, new NatCore());

    private static byte[] udp(String src, String dst, int sp, int dp) {
        return Frames.ipv4(src, dst).udp(sp, dp).payload("view").build();
    }

    private int path(byte[] f, String in, String out) {
        return h.injectPath(Family.IPV4, f, in, out, Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING);
    }

    @Test
    void replyAndNatAddressFilters() {
        assertEquals(0, h.sh("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1").exit());
        assertEquals(0, h.sh("iptables -t nat -A PREROUTING -i wan -d 203.0.113.1 -j DNAT --to-destination 10.0.0.9")
                .exit());
        assertEquals(Verdict.ACCEPT, path(udp("10.0.0.2", "198.51.100.7", 5000, 53), "lan", "wan"));
        assertEquals(Verdict.ACCEPT, path(udp("198.51.100.8", "203.0.113.1", 7000, 8053), "wan", "lan"));
        assertEquals(Verdict.ACCEPT, path(udp("10.0.0.2", "10.0.0.3", 6000, 6001), "lan", "lan2"));

        Result snat = h.sh("conntrack -L --src-nat 203.0.113.1");
        assertTrue(snat.out().startsWith("udp      17 ") && snat.out().contains("src=10.0.0.2 dst=198.51.100.7 "
                + "sport=5000 dport=53 packets=1 bytes=32 [UNREPLIED] src=198.51.100.7 dst=203.0.113.1 sport=53 "
                + "dport=5000 packets=0 bytes=0 mark=0 use=1"), snat.out());
        assertEquals("conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n", snat.err());
        assertEquals(1, h.sh("conntrack -L -r 203.0.113.1").out().lines().count());
        assertEquals(2, h.sh("conntrack -L --any-nat").out().lines().count());
        assertEquals("2\n", h.sh("conntrack -C --any-nat").out());
        assertEquals("3\n", h.sh("conntrack -C").out());
        Result dnat = h.sh("conntrack -L --dst-nat 10.0.0.9 -p udp --reply-port-src 8053");
        assertTrue(dnat.out().contains("src=198.51.100.8 dst=203.0.113.1 sport=7000 dport=8053 ")
                && dnat.out().contains(" src=10.0.0.9 dst=198.51.100.8 sport=8053 dport=7000 "), dnat.out());
        assertEquals("", h.sh("conntrack -L --dst-nat 203.0.113.1").out());
        Result del = h.sh("conntrack -D -q 10.0.0.9");
        assertEquals(0, del.exit(), del.err());
        assertEquals("conntrack v1.4.7 (conntrack-tools): 1 flow entries have been deleted.\n", del.err());
        assertEquals("2\n", h.sh("conntrack -C").out());
        assertEquals(1, h.sh("conntrack -D -q 10.0.0.9").exit(), "nothing left to delete");
    }
    /**
     * {@code conntrack -E} with NAT filters: the NEW event is sent at confirm, after POSTROUTING's SNAT, so it
     * carries the translated reply tuple and {@code --src-nat ADDR} selects it, while a connection without NAT
     * between the same feeds is left out. Flows are fed until the command has seen two (it subscribes on its
     * own thread; only the number of rounds depends on timing, not what is asserted).
     */
    @Test
    void eventsFollowTheNatFilters() throws Exception {
        assertEquals(0, h.sh("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1").exit());
        java.util.concurrent.CompletableFuture<Result> ev = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> h.sh("conntrack -E -e NEW --src-nat 203.0.113.1 --count 2 --timeout 60"));
        for (int port = 20000; !ev.isDone() && port < 21000; port++) {
            path(udp("10.0.0.2", "10.0.0.3", port, 6001), "lan", "lan2");
            path(udp("10.0.0.2", "198.51.100.7", port, 53), "lan", "wan");
            Thread.sleep(20);
        }
        Result r = ev.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(2, r.out().lines().count(), r.out());
        assertTrue(r.out().lines().allMatch(l -> l.startsWith("    [NEW] udp      17 30 src=10.0.0.2 dst=198.51.100.7 ")
                && l.contains(" [UNREPLIED] src=198.51.100.7 dst=203.0.113.1 sport=53 ")), r.out());
        assertEquals("conntrack v1.4.7 (conntrack-tools): 2 flow events have been shown.\n", r.err());
    }
}
