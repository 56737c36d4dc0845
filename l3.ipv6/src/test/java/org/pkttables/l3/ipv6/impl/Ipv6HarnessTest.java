package org.pkttables.l3.ipv6.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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

/** The handler inside the real core; expected listings taken from ip6tables v1.8.9 (nf_tables). */
class Ipv6HarnessTest {
    private static final String POLICIES = "-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n";
    private Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness().with(new Ipv6Handler());
    }

    private String ok(String line) {
        Result r = h.sh(line);
        assertEquals(0, r.exit(), () -> line + " -> " + r.err());
        return r.out();
    }

    private int forward(byte[] frame, String in) {
        return h.inject(Family.IPV6, Hook.FORWARD, frame, in, "wan0");
    }

    @Test
    void listsLikeIp6tablesAndDropsWhatMatches() {
        ok("ip6tables -A FORWARD -s 2001:DB8::1 ! -d 2001:db8:0:0:1::/80 -i eth+ -p icmpv6 -j DROP");
        ok("ip6tables -A FORWARD --src fe80::1/ffff:0:ffff:: --protocol 44 -o wan+ -j ACCEPT");
        assertEquals(POLICIES
                + "-A FORWARD -s 2001:db8::1/128 ! -d 2001:db8:0:0:1::/80 -i eth+ -p ipv6-icmp -j DROP\n"
                + "-A FORWARD -s fe80::/ffff:0:ffff:: -o wan+ -p ipv6-frag -j ACCEPT\n", ok("ip6tables -S"));
        byte[] ping = Frames.ipv6("2001:db8::1", "2001:db8::9").hopByHop().icmp(128, 0).build();
        assertEquals(Verdict.DROP, forward(ping, "eth1"));
        assertEquals(Verdict.ACCEPT, forward(ping, "ppp0"));
        assertEquals(Verdict.ACCEPT, forward(Frames.ipv6("2001:db8::1", "2001:db8:0:0:1::7").icmp(128, 0).build(),
                "eth1"), "destination excluded by ! -d");
        assertEquals(Verdict.ACCEPT, forward(Frames.ipv6("2001:db8::2", "2001:db8::9").icmp(128, 0).build(), "eth1"));
    }

    @Test
    void protocolIsTheLastHeaderAndFragmentsFollowTheKernel() {
        ok("ip6tables -A FORWARD -p udp -j DROP");
        List<byte[]> frags = Frames.ipv6("2001:db8::1", "2001:db8::2").destOptions().udp(1, 2)
                .payload(new byte[1500]).fragments(1000);
        assertEquals(Verdict.DROP, forward(frags.get(0), "eth0"));
        assertEquals(Verdict.DROP, forward(frags.get(1), "eth0"), "later fragment: next header of the fragment header");
        assertEquals(Verdict.ACCEPT, forward(Frames.ipv6("2001:db8::1", "2001:db8::2").routing().tcp(1, 2).build(),
                "eth0"));
        byte[] cut = Arrays.copyOf(frags.get(0), 60);
        assertEquals(Verdict.DROP, forward(cut, "eth0"));
    }

    @Test
    void whatMatchesEverythingIsNotListed() {
        ok("ip6tables -A FORWARD -s ::/0 -p all -o + -j ACCEPT");
        ok("ip6tables -A FORWARD -s :: -j ACCEPT");
        assertEquals(POLICIES + "-A FORWARD -j ACCEPT\n-A FORWARD -s ::/128 -j ACCEPT\n", ok("ip6tables -S"));
    }

    @Test
    void badRulesAreRejected() {
        for (String bad : List.of("ip6tables -A FORWARD -f -j ACCEPT", "ip6tables -A FORWARD -s 1.2.3.4 -j ACCEPT",
                "ip6tables -A FORWARD -s ::1/129 -j ACCEPT", "ip6tables -A FORWARD ! -p 0 -j ACCEPT")) {
            assertNotEquals(0, h.sh(bad).exit(), bad);
        }
        assertEquals(POLICIES, ok("ip6tables -S"));
    }
}
