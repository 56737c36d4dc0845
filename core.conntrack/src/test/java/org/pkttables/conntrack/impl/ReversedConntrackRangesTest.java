package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pkttables.tables.testing.Frames.SYN;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.match.ConntrackMatchType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.testing.Frames;

/**
 * What iptables 1.8.9 takes and the .t files refuse: a conntrack port or lifetime range with min > max contains
 * nothing (never matches; its {@code !} always does), and {@code --ctproto 0} names a protocol no connection has.
 */
class ReversedConntrackRangesTest extends TrackedHarnessTest {
    private static final Hook[] IN = { Hook.PREROUTING, Hook.INPUT };

    @BeforeEach
    void setUp() {
        track(new String[] { "ipv4", "ipv6" }, new Ipv4Handler(), new TcpMatchType(), new ConntrackMatchType(),
                new ConntrackCommand(engine));
        ok("iptables -P INPUT DROP");
    }

    private int syn(int dport) {
        return h.injectPath(Family.IPV4, Frames.ipv4("192.0.2.7", "10.0.0.1").tcp(40000, dport).flags(SYN).build(),
                "eth0", null, IN);
    }

    @Test
    void aReversedPortRangeMatchesNoPortAndItsInversionEvery() {
        ok("iptables -A INPUT -p tcp --dport 4 -m conntrack --ctorigdstport 4:3 -j ACCEPT");
        ok("iptables -A INPUT -p tcp --dport 5 -m conntrack ! --ctorigdstport 6:3 -j ACCEPT");
        ok("iptables -A INPUT -p tcp --dport 7 -m conntrack --ctorigdstport 3:8 -j ACCEPT");
        assertEquals(Verdict.DROP, syn(4));
        assertEquals(Verdict.ACCEPT, syn(5));
        assertEquals(Verdict.ACCEPT, syn(7));
        assertEquals("-P INPUT DROP\n-A INPUT -p tcp -m tcp --dport 4 -m conntrack --ctorigdstport 4:3 -j ACCEPT\n"
                + "-A INPUT -p tcp -m tcp --dport 5 -m conntrack ! --ctorigdstport 6:3 -j ACCEPT\n"
                + "-A INPUT -p tcp -m tcp --dport 7 -m conntrack --ctorigdstport 3:8 -j ACCEPT\n",
                h.sh("iptables -S INPUT").out());
    }

    @Test
    void protocolZeroMatchesNoConnectionAndAReversedLifetimeNone() {
        ok("iptables -A INPUT -p tcp --dport 4 -m conntrack --ctproto 0 -j ACCEPT");
        ok("iptables -A INPUT -p tcp --dport 5 -m conntrack ! --ctproto 0 -j ACCEPT");
        ok("iptables -A INPUT -p tcp --dport 6 -m conntrack --ctexpire 200:1 -j ACCEPT");
        ok("iptables -A INPUT -p tcp --dport 7 -m conntrack ! --ctexpire 200:1 -j ACCEPT");
        assertEquals(Verdict.DROP, syn(4));
        assertEquals(Verdict.ACCEPT, syn(5));
        assertEquals(Verdict.DROP, syn(6));
        assertEquals(Verdict.ACCEPT, syn(7));
    }
}
