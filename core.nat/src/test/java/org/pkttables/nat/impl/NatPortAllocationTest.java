package org.pkttables.nat.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.nat.NatAddressChoice;
import org.pkttables.nat.NatCore;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * Port and address allocation as the kernel's get_unique_tuple (nf_nat_core.c): the original port kept
 * while unique, a clash moved to a random place of the range (the class of the port kept: below 512,
 * 600-1023, 1024 and above), {@code --random}/{@code --random-fully} never keeping the original, an address
 * range spread by find_best_ips_proto's hash and {@code --persistent} keeping one address per client, DNAT's
 * port shift trying the following ports, and the search bounded: 128 tries, then 64, 32 and 16 from new
 * random starts; a new connection left without a tuple is dropped and counted (insert_failed, drop).
 */
class NatPortAllocationTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ConntrackEngine engine = new ConntrackEngine(8192, 5, now::get);
    /** Random starts, as in production (seeded so the test is repeatable). */
    private final NatCore core = new NatCore(42);
    private final Harness h = NatEngineTest.natHarness(engine, core);

    private void rule(Harness on, String r) {
        org.pkttables.api.CommandFrontend.Result res = on.sh("iptables -t nat " + r);
        assertEquals(0, res.exit(), r + ": " + res.err());
    }

    private static int out(Harness on, byte[] f) {
        return on.injectPath(Family.IPV4, f, "lan", "wan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING);
    }

    private static int in(Harness on, byte[] f) {
        return on.injectPath(Family.IPV4, f, "wan", "lan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING);
    }

    static byte[] udp(String src, String dst, int sp, int dp) {
        return Frames.ipv4(src, dst).udp(sp, dp).payload("port allocation").build();
    }

    static int srcPort(byte[] f) {
        return (f[34] & 0xff) << 8 | (f[35] & 0xff);
    }

    static int dstPort(byte[] f) {
        return (f[36] & 0xff) << 8 | (f[37] & 0xff);
    }

    static String srcAddr(byte[] f) {
        return (f[26] & 0xff) + "." + (f[27] & 0xff) + "." + (f[28] & 0xff) + "." + (f[29] & 0xff);
    }

    /** SNAT of {@code client:sport} to the server; the source port it left with. */
    private int snat(Harness on, String client, int sport) {
        byte[] f = udp(client, "198.51.100.7", sport, 53);
        assertEquals(Verdict.ACCEPT, out(on, f), client + ":" + sport);
        return srcPort(f);
    }

    @Test
    void theOriginalPortIsKeptWhileUniqueAndAClashMovesToARandomPortOfItsClass() {
        rule(h, "-A POSTROUTING -o wan -p udp -j SNAT --to-source 203.0.113.1");
        assertEquals(5000, snat(h, "10.0.0.2", 5000));
        int b = snat(h, "10.0.0.3", 5000);
        int c = snat(h, "10.0.0.4", 5000);
        assertTrue(b >= 1024 && c >= 1024 && b != 5000 && c != 5000 && b != c, b + " " + c);
        // not the range's first port: the search starts at a random offset (get_random_u16)
        assertTrue(b != 1024 || c != 1025, b + " " + c);
        // another core (another random start) moves the same clash elsewhere
        NatCore other = new NatCore(43);
        Harness h2 = NatEngineTest.natHarness(new ConntrackEngine(8192, 5, now::get), other);
        rule(h2, "-A POSTROUTING -o wan -p udp -j SNAT --to-source 203.0.113.1");
        snat(h2, "10.0.0.2", 5000);
        assertNotEquals(b, snat(h2, "10.0.0.3", 5000));
        // a reply to the moved port reaches the second client's own port
        byte[] r = udp("198.51.100.7", "203.0.113.1", 53, b);
        assertEquals(Verdict.ACCEPT, in(h, r));
        assertArrayEquals(udp("198.51.100.7", "10.0.0.3", 53, 5000), r);
        // ports below 512 stay in 1-511, ports 512-1023 move to 600-1023
        assertEquals(500, snat(h, "10.0.0.2", 500));
        int low = snat(h, "10.0.0.3", 500);
        assertTrue(low >= 1 && low <= 511 && low != 500, "" + low);
        assertEquals(700, snat(h, "10.0.0.2", 700));
        int mid = snat(h, "10.0.0.3", 700);
        assertTrue(mid >= 600 && mid <= 1023 && mid != 700, "" + mid);
    }

    @Test
    void randomAndRandomFullyDoNotKeepAFreeOriginalPort() {
        rule(h, "-A POSTROUTING -s 10.0.0.2 -o wan -p udp -j SNAT --to-source 203.0.113.1 --random");
        rule(h, "-A POSTROUTING -s 10.0.0.3 -o wan -p udp -j SNAT --to-source 203.0.113.1 --random-fully");
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            for (String client : new String[] { "10.0.0.2", "10.0.0.3" }) {
                byte[] f = udp(client, "198.51.100.7", 6000 + i, 53);
                assertEquals(Verdict.ACCEPT, out(h, f));
                int p = srcPort(f);
                assertTrue(p >= 1024 && p != 6000 + i, "port " + p + " for " + (6000 + i));
                seen.add(p);
            }
        }
        assertTrue(seen.size() >= 38, "random ports repeat: " + seen);
    }

    @Test
    void anAddressRangeIsSpreadByTheHashAndPersistentKeepsOneAddressPerClient() {
        rule(h, "-A POSTROUTING -s 10.0.0.2 -o wan -p udp -j SNAT --to-source 203.0.113.10-203.0.113.13");
        rule(h, "-A POSTROUTING -s 10.0.1.0/24 -o wan -p udp -j SNAT --to-source 203.0.113.10-203.0.113.13 --persistent");
        Set<String> plain = new HashSet<>();
        Set<String> persistent = new HashSet<>();
        Set<String> clients = new HashSet<>();
        for (int i = 1; i <= 32; i++) {
            // a socket of its own each time (the same socket would keep its first mapping)
            byte[] a = udp("10.0.0.2", "198.51.100." + i, 5000 + i, 53);
            byte[] b = udp("10.0.1.2", "198.51.100." + i, 6000 + i, 53);
            byte[] c = udp("10.0.1." + (10 + i), "198.51.100.7", 7000, 53);
            assertEquals(Verdict.ACCEPT, out(h, a));
            assertEquals(Verdict.ACCEPT, out(h, b));
            assertEquals(Verdict.ACCEPT, out(h, c));
            assertEquals(5000 + i, srcPort(a));
            plain.add(srcAddr(a));
            persistent.add(srcAddr(b));
            clients.add(srcAddr(c));
            // the same tuple gives the same address (no random key: the kernel's jhash2)
            assertEquals(srcAddr(a), "203.0.113." + (10 + NatAddressChoice.ipv4(0x0a000002L,
                    0xc6336400L + i, 0xcb00710aL, 0xcb00710dL, false) - 0xcb00710aL));
        }
        assertTrue(plain.size() > 1, "one client to 32 servers: hashed with the destination " + plain);
        assertEquals(1, persistent.size(), "--persistent: one address for the client " + persistent);
        assertTrue(clients.size() > 1, "--persistent still spreads clients " + clients);
        assertTrue(plain.stream().allMatch(a -> a.matches("203\\.0\\.113\\.1[0-3]")), plain.toString());
    }

    @Test
    void aSmallRangeMapsEachPortOnceThenDropsAndCountsTheExcess() {
        rule(h, "-A POSTROUTING -o wan -p udp -j SNAT --to-source 203.0.113.1:20000-20099");
        Set<Integer> ports = new HashSet<>();
        int dropped = 0;
        for (int i = 0; i < 150; i++) {
            byte[] f = udp("10.0." + (i / 200) + "." + (i % 200 + 2), "198.51.100.7", 5000, 53);
            if (out(h, f) == Verdict.ACCEPT) {
                int p = srcPort(f);
                assertTrue(p >= 20000 && p <= 20099, "" + p);
                assertTrue(ports.add(p), "port " + p + " given twice");
            } else {
                dropped++;
            }
        }
        // a range of at most 128 ports is searched whole: every port used, the rest refused
        assertEquals(100, ports.size());
        assertEquals(50, dropped);
        assertEquals(50, engine.stats().insertFailed());
        assertEquals(50, engine.stats().drop());
        assertEquals(50, core.exhausted.sum());
    }

    @Test
    void theSearchIsBoundedAsTheKernels() {
        // A core whose every round starts at the range's first port: the kernel's rounds (128, 64, 32, 16
        // tries) then never look past the first 128 ports, so once those are taken a new connection is
        // refused although the range has free ports: the search is bounded, not exhaustive.
        NatCore zero = new NatCore();
        ConntrackEngine ct = new ConntrackEngine(8192, 5, now::get);
        Harness z = NatEngineTest.natHarness(ct, zero);
        rule(z, "-A POSTROUTING -o wan -p udp -j SNAT --to-source 203.0.113.1:20000-21999");
        for (int i = 0; i < 128; i++) {
            byte[] f = udp("10.0.1." + (i + 2), "198.51.100.7", 5000, 53);
            assertEquals(Verdict.ACCEPT, out(z, f));
            assertEquals(20000 + i, srcPort(f), "connection " + i); // 5000 is not in the range: searched
        }
        assertEquals(Verdict.DROP, out(z, udp("10.0.2.2", "198.51.100.7", 5000, 53)));
        assertEquals(Verdict.DROP, out(z, udp("10.0.2.3", "198.51.100.7", 5000, 53)));
        assertEquals(2, ct.stats().insertFailed());
        assertEquals(2, zero.exhausted.sum());
    }

    @Test
    void aSourceSocketKeepsItsMappingForOtherServers() {
        // find_appropriate_src: a live connection's mapping is reused by the same source address and port
        rule(h, "-A POSTROUTING -s 10.0.0.0/30 -o wan -p udp -j SNAT --to-source 203.0.113.1");
        rule(h, "-A POSTROUTING -s 10.0.0.4 -o wan -p udp -j SNAT --to-source 203.0.113.10-203.0.113.13");
        assertEquals(5000, snat(h, "10.0.0.2", 5000));
        int moved = snat(h, "10.0.0.3", 5000);
        assertNotEquals(5000, moved);
        // to another server 5000 would be free, but the socket keeps the port it has
        byte[] f = udp("10.0.0.3", "198.51.100.8", 5000, 53);
        assertEquals(Verdict.ACCEPT, out(h, f));
        assertEquals(moved, srcPort(f));
        // through an address range: the first server's hash picks the address, the others follow it
        byte[] first = udp("10.0.0.4", "198.51.100.1", 6000, 53);
        assertEquals(Verdict.ACCEPT, out(h, first));
        Set<String> hashed = new HashSet<>();
        for (int i = 2; i <= 32; i++) {
            byte[] g = udp("10.0.0.4", "198.51.100." + i, 6000, 53);
            assertEquals(Verdict.ACCEPT, out(h, g));
            assertEquals(srcAddr(first), srcAddr(g), "server " + i);
            assertEquals(6000, srcPort(g));
            hashed.add("203.0.113." + (10 + NatAddressChoice.ipv4(0x0a000004L, 0xc6336400L + i, 0xcb00710aL,
                    0xcb00710dL, false) - 0xcb00710aL));
        }
        assertTrue(hashed.size() > 1, "the hash alone would have spread them: " + hashed);
    }

    @Test
    void aDnatPortRangeIsSearchedFromItsFirstPortWithoutRandom() {
        // since 6.8 ("restore default DNAT behavior") destination NAT starts at the range's first port
        rule(h, "-A PREROUTING -i wan -d 203.0.113.1 -p udp -j DNAT --to-destination 10.0.0.9:21000-21010");
        rule(h, "-A PREROUTING -i wan -d 203.0.113.2 -p udp -j DNAT --to-destination 10.0.0.9:21000-21010 --random");
        for (int i = 0; i < 5; i++) {
            byte[] f = udp("198.51.100.7", "203.0.113.1", 7000, 6060 + i);
            assertEquals(Verdict.ACCEPT, in(h, f));
            assertEquals(21000 + i, dstPort(f), "connection " + i);
        }
        Set<Integer> random = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            byte[] f = udp("198.51.100.8", "203.0.113.2", 7000, 6060 + i);
            assertEquals(Verdict.ACCEPT, in(h, f));
            assertTrue(dstPort(f) >= 21000 && dstPort(f) <= 21010, "" + dstPort(f));
            random.add(dstPort(f));
        }
        assertEquals(5, random.size());
    }

    @Test
    void aDnatPortShiftMovesToTheFollowingPortOnAClash() {
        rule(h, "-A PREROUTING -i wan -p udp -j DNAT --to-destination 10.0.0.9:8000-8010/80");
        byte[] a = udp("198.51.100.7", "203.0.113.1", 7000, 80);
        byte[] b = udp("198.51.100.7", "203.0.113.2", 7000, 80);
        byte[] c = udp("198.51.100.7", "203.0.113.1", 7000, 83);
        assertEquals(Verdict.ACCEPT, in(h, a));
        assertEquals(Verdict.ACCEPT, in(h, b));
        assertEquals(Verdict.ACCEPT, in(h, c));
        assertEquals(8000, dstPort(a)); // the offset of port 80 from the base 80
        assertEquals(8001, dstPort(b)); // 8000 taken by the same client: the next one
        assertEquals(8003, dstPort(c));
        byte[] r = udp("10.0.0.9", "198.51.100.7", 8001, 7000);
        assertEquals(Verdict.ACCEPT, out(h, r));
        assertArrayEquals(udp("203.0.113.2", "198.51.100.7", 80, 7000), r);
    }
}
