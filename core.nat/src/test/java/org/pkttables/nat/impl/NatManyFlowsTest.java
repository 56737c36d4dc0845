package org.pkttables.nat.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.nat.NatAddressChoice;
import org.pkttables.nat.NatCore;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.tables.testing.Harness;

/**
 * 60,000 concurrent UDP flows through one external address (issue 13: "Tested with 60,000+ concurrent
 * flows through one external address"): 240 clients, each with the same 250 source ports, to one server
 * port, SNAT to one address with the full port range. Every flow needs an external port of its own (93 % of
 * 1024-65535). The kernel's bounded search (128 + 64 + 32 + 16 tries from random starts) can miss the free
 * ports at that load: such a first packet is dropped and counted (insert_failed, drop) like the kernel does,
 * and the client's retransmission tries again. At the end every flow has a unique mapping, every reply
 * reaches its own client and port, and later packets keep the mapping.
 */
class NatManyFlowsTest {
    private static final int CLIENTS = 240;
    private static final int PORTS = 250;
    private static final int FIRST_PORT = 40000;

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ConntrackEngine engine = new ConntrackEngine(1 << 17, 5, now::get);
    private final NatCore core = new NatCore(7);
    private final Harness h = NatEngineTest.natHarness(engine, core);

    private static String client(int c) {
        return "10." + (1 + c / 200) + "." + (c % 200) + ".2";
    }

    @Test
    void sixtyThousandFlowsGetUniqueMappingsAndTheirRepliesFindTheirWayBack() {
        assertEquals(0, h.sh("iptables -t nat -A POSTROUTING -o wan -p udp -j SNAT --to-source 203.0.113.1").exit());
        int flows = CLIENTS * PORTS;
        int[] mapped = new int[flows]; // external port per flow, 0: none yet
        boolean[] taken = new boolean[65536];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < flows; i++) {
            pending.add(i);
        }
        long dropped = 0;
        int rounds = 0;
        while (!pending.isEmpty() && rounds < 10) {
            rounds++;
            List<Integer> again = new ArrayList<>();
            for (int i : pending) {
                byte[] f = NatPortAllocationTest.udp(client(i / PORTS), "198.51.100.7", FIRST_PORT + i % PORTS, 53);
                int v = h.injectPath(Family.IPV4, f, "lan", "wan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING);
                if (v != Verdict.ACCEPT) {
                    again.add(i);
                    continue;
                }
                assertEquals("203.0.113.1", NatPortAllocationTest.srcAddr(f));
                int p = NatPortAllocationTest.srcPort(f);
                assertTrue(p >= 1024, "flow " + i + " port " + p);
                assertTrue(!taken[p], "port " + p + " mapped twice (flow " + i + ")");
                taken[p] = true;
                mapped[i] = p;
            }
            dropped += again.size();
            // every refused first packet is counted as the kernel counts a failed insertion
            assertEquals(dropped, engine.stats().insertFailed(), "round " + rounds);
            assertEquals(dropped, core.exhausted.sum(), "round " + rounds);
            pending = again;
        }
        assertTrue(pending.isEmpty(), pending.size() + " flows without a mapping after " + rounds + " rounds");
        assertEquals(flows, engine.stats().count());
        System.out.printf("NatManyFlowsTest: %d flows through one address, %d first packets refused by the bounded"
                + " search (retransmitted), %d rounds%n", flows, dropped, rounds);
        // the first client's flows kept their own ports
        for (int i = 0; i < PORTS; i++) {
            assertEquals(FIRST_PORT + i, mapped[i]);
        }
        // replies: each reaches its own client and port
        for (int i = 0; i < flows; i++) {
            byte[] r = NatPortAllocationTest.udp("198.51.100.7", "203.0.113.1", 53, mapped[i]);
            assertEquals(Verdict.ACCEPT,
                    h.injectPath(Family.IPV4, r, "wan", "lan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING));
            if (!"198.51.100.7".equals(NatPortAllocationTest.srcAddr(r))
                    || NatPortAllocationTest.dstPort(r) != FIRST_PORT + i % PORTS || !client(i / PORTS).equals(dst(r))) {
                assertArrayEquals(NatPortAllocationTest.udp("198.51.100.7", client(i / PORTS), 53, FIRST_PORT + i % PORTS),
                        r, "reply of flow " + i);
            }
        }
        // later packets (now established) keep their mapping without the table
        for (int i = 0; i < flows; i += 97) {
            byte[] f = NatPortAllocationTest.udp(client(i / PORTS), "198.51.100.7", FIRST_PORT + i % PORTS, 53);
            assertEquals(Verdict.ACCEPT,
                    h.injectPath(Family.IPV4, f, "lan", "wan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING));
            assertEquals(mapped[i], NatPortAllocationTest.srcPort(f), "flow " + i);
        }
        assertEquals(flows, engine.stats().count());
    }

    private static String dst(byte[] f) {
        return (f[30] & 0xff) + "." + (f[31] & 0xff) + "." + (f[32] & 0xff) + "." + (f[33] & 0xff);
    }
}
