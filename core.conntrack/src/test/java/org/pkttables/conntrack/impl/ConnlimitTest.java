package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pkttables.tables.testing.Frames.SYN;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.match.ConnlimitMatchType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.testing.Frames;

/** connlimit counts the live connections of a client network; refused connections do not count. */
class ConnlimitTest extends TrackedHarnessTest {
    private static final Hook[] FWD = { Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING };

    @BeforeEach
    void setUp() {
        track(new String[] { "ipv4" }, new Ipv4Handler(), new TcpMatchType(), new ConnlimitMatchType());
    }

    private int syn(String src, int sport) {
        return h.injectPath(Family.IPV4, Frames.ipv4(src, "10.0.0.1").tcp(sport, 22).flags(SYN).build(), "eth0", "eth1",
                FWD);
    }

    @Test
    void thirdConnectionOfASourceIsRefusedOthersAreNot() {
        ok("iptables -A FORWARD -p tcp --syn --dport 22 -m connlimit --connlimit-above 2 -j DROP");
        assertEquals(Verdict.ACCEPT, syn("192.0.2.7", 40000));
        assertEquals(Verdict.ACCEPT, syn("192.0.2.7", 40001));
        assertEquals(Verdict.DROP, syn("192.0.2.7", 40002));
        assertEquals(Verdict.ACCEPT, syn("192.0.2.8", 40000), "another source has its own count");
        assertEquals(Verdict.DROP, syn("192.0.2.7", 40003), "the refused one did not count, two remain");
        assertEquals(Verdict.ACCEPT, syn("192.0.2.7", 40000), "a retransmitted SYN of a counted connection");
    }

    @Test
    void maskGroupsANetworkAndUptoInverts() {
        ok("iptables -A FORWARD -p tcp --syn -m connlimit --connlimit-upto 2 --connlimit-mask 24 -j ACCEPT");
        ok("iptables -A FORWARD -p tcp --syn -j DROP");
        assertEquals(Verdict.ACCEPT, syn("192.0.2.7", 40000));
        assertEquals(Verdict.ACCEPT, syn("192.0.2.8", 40000));
        assertEquals(Verdict.DROP, syn("192.0.2.9", 40000), "192.0.2.0/24 has two already");
        assertEquals(Verdict.ACCEPT, syn("198.51.100.1", 40000));
    }
}
