package org.pkttables.l3.ipv4.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * The handler inside the real core: commands listed as iptables v1.8.9 (nf_tables) lists them (the
 * expected strings were taken from the real tool in a network namespace), and verdicts of injected frames.
 */
class Ipv4HarnessTest {
    private static final String POLICIES = "-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n";
    private Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness().with(new Ipv4Handler());
    }

    private String ok(String line) {
        Result r = h.sh(line);
        assertEquals(0, r.exit(), () -> line + " -> " + r.err());
        return r.out();
    }

    private int forward(byte[] frame, String in, String out) {
        return h.inject(Family.IPV4, Hook.FORWARD, frame, in, out);
    }

    @Test
    void listsLikeIptablesAndDropsWhatMatches() {
        ok("iptables -A FORWARD -s 10.0.0.0/8 ! -d 10.1.2.3 -i eth+ -p udp -j DROP");
        assertEquals(POLICIES + "-A FORWARD -s 10.0.0.0/8 ! -d 10.1.2.3/32 -i eth+ -p udp -j DROP\n",
                ok("iptables -S"));
        byte[] hit = Frames.ipv4("10.5.5.5", "192.168.0.9").udp(1000, 53).build();
        assertEquals(Verdict.DROP, forward(hit, "eth0", "wan0"));
        assertEquals(Verdict.ACCEPT, forward(hit, "wlan0", "wan0"), "input interface outside eth+");
        assertEquals(Verdict.ACCEPT, forward(Frames.ipv4("10.5.5.5", "10.1.2.3").udp(1000, 53).build(), "eth0", null),
                "destination excluded by ! -d");
        assertEquals(Verdict.ACCEPT, forward(Frames.ipv4("11.5.5.5", "192.168.0.9").udp(1000, 53).build(), "eth0",
                null), "source outside 10/8");
        assertEquals(Verdict.ACCEPT, forward(Frames.ipv4("10.5.5.5", "192.168.0.9").tcp(1000, 53).build(), "eth0",
                null), "not udp");
    }

    @Test
    void moreCanonicalForms() {
        ok("iptables -A FORWARD -s 192.168.1.77/255.255.255.0 -o wan0 ! -p tcp -f -j ACCEPT");
        ok("iptables -A FORWARD -d 10.9.0.0/255.0.255.0 -p 47 -j ACCEPT");
        ok("iptables -A FORWARD --src 1.2.3.4 --dst 1.2.3.5/31 --in-interface eth0 --protocol icmpv6 --fragment -j DROP");
        assertEquals(POLICIES
                + "-A FORWARD -s 192.168.1.0/24 -o wan0 ! -p tcp -f -j ACCEPT\n"
                + "-A FORWARD -d 10.0.0.0/255.0.255.0 -p gre -j ACCEPT\n"
                + "-A FORWARD -s 1.2.3.4/32 -d 1.2.3.4/31 -i eth0 -p ipv6-icmp -f -j DROP\n", ok("iptables -S"));
    }

    @Test
    void whatMatchesEverythingIsNotListed() {
        ok("iptables -A FORWARD -s 0/0 -p all -i + -j ACCEPT");
        ok("iptables -A FORWARD ! -i + -d 10.0.0.1/0 -j ACCEPT");
        assertEquals(POLICIES + "-A FORWARD -j ACCEPT\n-A FORWARD ! -i + -j ACCEPT\n", ok("iptables -S"));
    }

    @Test
    void rulesThatCanNeverMatchAreRejected() {
        for (String bad : List.of("iptables -A FORWARD ! -p all -j ACCEPT", "iptables -A FORWARD -s 1.2.3.4/33 -j ACCEPT",
                "iptables -A FORWARD -p foo -j ACCEPT", "iptables -A INPUT -o eth0 -j ACCEPT",
                "iptables -A FORWARD -i verylonginterface0 -j ACCEPT")) {
            Result r = h.sh(bad);
            assertNotEquals(0, r.exit(), bad);
            assertTrue(!r.err().isEmpty(), bad);
        }
        assertEquals(POLICIES, ok("iptables -S"));
    }

    @Test
    void fragmentsAndMalformedFrames() {
        ok("iptables -A FORWARD -p udp -f -j DROP");
        List<byte[]> frags = Frames.ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).payload(new byte[2000]).fragments(1000);
        assertEquals(Verdict.ACCEPT, forward(frags.get(0), "eth0", "eth1"));
        assertEquals(Verdict.DROP, forward(frags.get(1), "eth0", "eth1"));
        byte[] cut = Arrays.copyOf(frags.get(0), 40);
        assertEquals(Verdict.DROP, forward(cut, "eth0", "eth1"), "truncated header never reaches a table");
        assertTrue(h.last().isMalformed());
    }
}
