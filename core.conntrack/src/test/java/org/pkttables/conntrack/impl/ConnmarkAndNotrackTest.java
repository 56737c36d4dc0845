package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pkttables.tables.testing.Frames.ACK;
import static org.pkttables.tables.testing.Frames.SYN;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.match.ConnmarkMatchType;
import org.pkttables.conntrack.impl.match.ConntrackMatchType;
import org.pkttables.conntrack.impl.target.ConnmarkTargetType;
import org.pkttables.conntrack.impl.target.CtTargetType;
import org.pkttables.conntrack.impl.target.NotrackTargetType;
import org.pkttables.ext.matches.impl.MarkMatchType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.ext.matches.impl.UdpMatchType;
import org.pkttables.ext.targets.impl.MarkTargetType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.testing.Frames;

/**
 * CONNMARK/connmark carry a mark from the first packet of a connection to its replies (the classic
 * restore-mark / set / save-mark pattern), and NOTRACK/CT --notrack in the raw table keep packets out of
 * the table (state UNTRACKED).
 */
class ConnmarkAndNotrackTest extends TrackedHarnessTest {
    @BeforeEach
    void setUp() {
        track(new String[] { "ipv4", "ipv6" }, new Ipv4Handler(), new TcpMatchType(), new UdpMatchType(),
                new MarkMatchType(), new MarkTargetType(), new ConntrackMatchType(), new ConnmarkMatchType(),
                new ConnmarkTargetType(), new NotrackTargetType(), new CtTargetType(), new ConntrackCommand(engine));
    }

    @Test
    void connectionMarkIsSavedAndRestoredForReplies() {
        ok("iptables -t mangle -A PREROUTING -j CONNMARK --restore-mark");
        ok("iptables -t mangle -A PREROUTING -m mark --mark 0 -p tcp --dport 80 -j MARK --set-mark 7");
        ok("iptables -t mangle -A PREROUTING -j CONNMARK --save-mark");
        ok("iptables -t mangle -A FORWARD -m connmark --mark 7 -j ACCEPT");
        ok("iptables -P FORWARD DROP");
        ok("iptables -A FORWARD -m connmark --mark 7 -j ACCEPT");
        byte[] syn = Frames.ipv4("192.0.2.7", "10.0.0.1").tcp(40000, 80).flags(SYN).build();
        byte[] synAck = Frames.ipv4("10.0.0.1", "192.0.2.7").tcp(80, 40000).flags(SYN | ACK).build();
        byte[] other = Frames.ipv4("192.0.2.7", "10.0.0.1").tcp(40001, 81).flags(SYN).build();
        Hook[] fwd = { Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING };
        assertEquals(Verdict.ACCEPT, h.injectPath(Family.IPV4, syn, "eth0", "eth1", fwd));
        assertEquals(7, h.last().mark());
        // The reply carries no mark of its own: --restore-mark gives it the connection's.
        assertEquals(Verdict.ACCEPT, h.injectPath(Family.IPV4, synAck, "eth1", "eth0", fwd));
        assertEquals(7, h.last().mark());
        assertEquals(Verdict.DROP, h.injectPath(Family.IPV4, other, "eth0", "eth1", fwd));
        assertEquals(0, h.last().mark());
        assertEquals(true, h.sh("conntrack -L").out().contains("mark=7"), h.sh("conntrack -L").out());
    }

    @Test
    void notrackedPacketsAreUntrackedAndNeverEnterTheTable() {
        ok("iptables -t raw -A PREROUTING -p udp --dport 53 -j NOTRACK");
        ok("iptables -t raw -A PREROUTING -p udp --dport 123 -j CT --notrack");
        ok("iptables -P INPUT DROP");
        ok("iptables -A INPUT -m conntrack --ctstate UNTRACKED -j ACCEPT");
        Hook[] in = { Hook.PREROUTING, Hook.INPUT };
        assertEquals(Verdict.ACCEPT, h.injectPath(Family.IPV4,
                Frames.ipv4("192.0.2.7", "10.0.0.1").udp(5353, 53).build(), "eth0", null, in));
        assertEquals(Verdict.ACCEPT, h.injectPath(Family.IPV4,
                Frames.ipv4("192.0.2.7", "10.0.0.1").udp(5353, 123).build(), "eth0", null, in));
        assertEquals(Verdict.DROP, h.injectPath(Family.IPV4,
                Frames.ipv4("192.0.2.7", "10.0.0.1").udp(5353, 54).build(), "eth0", null, in));
        assertEquals("0\n", h.sh("conntrack -C").out());
    }
}
