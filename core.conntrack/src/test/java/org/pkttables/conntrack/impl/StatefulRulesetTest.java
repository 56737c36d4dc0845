package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.tables.testing.Frames.ACK;
import static org.pkttables.tables.testing.Frames.SYN;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.match.ConntrackMatchType;
import org.pkttables.conntrack.impl.match.StateMatchType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.testing.Harness;

/**
 * The classic stateful ruleset through the real core: policy DROP, ESTABLISHED,RELATED accepted, new TCP
 * to port 80 accepted. A packet goes through its hooks one inject at a time (PREROUTING, then INPUT or
 * OUTPUT, POSTROUTING), with conntrack and confirm registered under the properties the component uses.
 */
class StatefulRulesetTest extends TrackedHarnessTest {
    @BeforeEach
    void setUp() {
        track(new String[] { "ipv4", "ipv6" }, new Ipv4Handler(), new TcpMatchType(), new ConntrackMatchType(),
                new StateMatchType(), new ConntrackCommand(engine), new SysctlCommand(engine));
        for (String cmd : new String[] { "iptables -P INPUT DROP", "iptables -P OUTPUT DROP",
            "iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT",
            "iptables -A INPUT -p tcp --dport 80 -m conntrack --ctstate NEW -j ACCEPT",
            "iptables -A OUTPUT -m state --state ESTABLISHED,RELATED -j ACCEPT" }) {
            assertEquals(0, h.sh(cmd).exit(), cmd);
        }
    }

    /** A packet arriving for this host: PREROUTING then INPUT. */
    private int in(byte[] f) {
        int v = h.inject(Family.IPV4, Hook.PREROUTING, f, "eth0", null);
        return v == Verdict.ACCEPT ? h.inject(Family.IPV4, Hook.INPUT, f, "eth0", null) : v;
    }

    /** SYNs from 192.0.2.7:40000 and 192.0.2.9:40002 to 10.0.0.1:80: two SYN_SENT entries, both unreplied. */
    private void twoUnrepliedConnections() {
        in(Seg.tcp("192.0.2.7", "10.0.0.1", 40000, 80, SYN, 1000, 0, 65535, 0));
        in(Seg.tcp("192.0.2.9", "10.0.0.1", 40002, 80, SYN, 1000, 0, 65535, 0));
    }

    /** A packet this host sends: OUTPUT then POSTROUTING. */
    private int out(byte[] f) {
        int v = h.inject(Family.IPV4, Hook.OUTPUT, f, null, "eth0");
        return v == Verdict.ACCEPT ? h.inject(Family.IPV4, Hook.POSTROUTING, f, null, "eth0") : v;
    }

    @Test
    void replyOfAnAcceptedConnectionPassesUnsolicitedTrafficDoesNot() {
        assertEquals(Verdict.ACCEPT, in(Seg.tcp("192.0.2.7", "10.0.0.1", 40000, 80, SYN, 1000, 0, 65535, 0)));
        assertEquals(Verdict.ACCEPT, out(Seg.tcp("10.0.0.1", "192.0.2.7", 80, 40000, SYN | ACK, 7000, 1001, 65535, 0)));
        assertEquals(Verdict.ACCEPT, in(Seg.tcp("192.0.2.7", "10.0.0.1", 40000, 80, ACK, 1001, 7001, 65535, 10)));
        assertEquals(Verdict.ACCEPT, out(Seg.tcp("10.0.0.1", "192.0.2.7", 80, 40000, ACK, 7001, 1011, 65535, 100)));
        // the server opening a connection back: no entry allows it
        assertEquals(Verdict.DROP, out(Seg.tcp("10.0.0.1", "192.0.2.7", 5555, 22, SYN, 1, 0, 65535, 0)));
        // an unsolicited packet from elsewhere, to a closed port: dropped
        assertEquals(Verdict.DROP, in(Seg.tcp("192.0.2.8", "10.0.0.1", 40001, 22, SYN, 1, 0, 65535, 0)));
        // an out-of-window segment of the accepted connection is INVALID, so it is dropped too
        assertEquals(Verdict.DROP, in(Seg.tcp("192.0.2.7", "10.0.0.1", 40000, 80, ACK, 1001 + 50_000_000L, 7101, 65535, 10)));

        // unacknowledged data keeps the timeout at 300 s (tcp_timeout_unacknowledged) until the ACK comes
        assertTrue(h.sh("conntrack -L").out().startsWith("tcp      6 300 ESTABLISHED"));
        assertEquals(Verdict.ACCEPT, in(Seg.tcp("192.0.2.7", "10.0.0.1", 40000, 80, ACK, 1011, 7101, 65535, 0)));
        String list = h.sh("conntrack -L").out();
        // accounting is on by default: each direction's packets and bytes (the INVALID segment not counted)
        assertEquals("tcp      6 431999 ESTABLISHED src=192.0.2.7 dst=10.0.0.1 sport=40000 dport=80 packets=3 bytes=130 "
                + "src=10.0.0.1 dst=192.0.2.7 sport=80 dport=40000 packets=2 bytes=180 [ASSURED] mark=0 use=1\n",
                list.replace(" 432000 ", " 431999 "));
        // sysctl net.netfilter.nf_conntrack_acct=0 hides them, as in the kernel
        assertEquals(0, h.sh("sysctl -w net.netfilter.nf_conntrack_acct=0").exit());
        assertEquals("tcp      6 431999 ESTABLISHED src=192.0.2.7 dst=10.0.0.1 sport=40000 dport=80 "
                + "src=10.0.0.1 dst=192.0.2.7 sport=80 dport=40000 [ASSURED] mark=0 use=1\n",
                h.sh("conntrack -L").out().replace(" 432000 ", " 431999 "));
        assertEquals("net.netfilter.nf_conntrack_acct = 0\n", h.sh("sysctl net.netfilter.nf_conntrack_acct").out());
        h.sh("sysctl -w net.netfilter.nf_conntrack_acct=1");
        assertEquals("1\n", h.sh("conntrack -C").out());
    }

    @Test
    void aSynDroppedByTheRulesLeavesNoEntry() {
        assertEquals(Verdict.DROP, in(Seg.tcp("192.0.2.8", "10.0.0.1", 40001, 22, SYN, 1, 0, 65535, 0)));
        assertEquals(Verdict.ACCEPT, in(Seg.tcp("192.0.2.7", "10.0.0.1", 40000, 80, SYN, 1000, 0, 65535, 0)));
        assertEquals("1\n", h.sh("conntrack -C").out());
    }

    @Test
    void withoutConntrackNothingIsEstablished() {
        Harness bare = new Harness().with(new Ipv4Handler(), new ConntrackMatchType());
        bare.sh("iptables -P INPUT DROP");
        bare.sh("iptables -A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT");
        byte[] f = Seg.tcp("192.0.2.7", "10.0.0.1", 40000, 80, ACK, 1, 1, 100, 0);
        assertEquals(Verdict.DROP, bare.inject(Family.IPV4, Hook.INPUT, f, "eth0", null));
        bare.sh("iptables -A INPUT -m conntrack --ctstate INVALID -j ACCEPT");
        assertEquals(Verdict.ACCEPT, bare.inject(Family.IPV4, Hook.INPUT, f, "eth0", null),
                "no conntrack information reads as INVALID, as in the kernel");
    }

    @Test
    void updateSetsTheMarkOfTheSelectedEntriesAsConntrackTools() {
        twoUnrepliedConnections();
        var r = h.sh("conntrack -U -p tcp --dport 80 -s 192.0.2.9 -m 1");
        assertEquals("tcp      6 120 SYN_SENT src=192.0.2.9 dst=10.0.0.1 sport=40002 dport=80 packets=1 bytes=40 "
                + "[UNREPLIED] src=10.0.0.1 dst=192.0.2.9 sport=80 dport=40002 packets=0 bytes=0 mark=1 use=1\n", r.out());
        assertEquals("conntrack v1.4.7 (conntrack-tools): 1 flow entries have been updated.\n", r.err());
        assertEquals(0, r.exit());
        // an entry whose mark would not change is skipped and not counted, as conntrack-tools does
        r = h.sh("conntrack -U -p tcp --dport 80 -m 1");
        assertEquals("conntrack v1.4.7 (conntrack-tools): 1 flow entries have been updated.\n", r.err());
        assertTrue(r.out().contains("src=192.0.2.7") && !r.out().contains("src=192.0.2.9"), r.out());
        // value/mask: only the masked bits change
        r = h.sh("conntrack -U -p tcp -m 0x10/0x10");
        assertEquals("conntrack v1.4.7 (conntrack-tools): 2 flow entries have been updated.\n", r.err());
        assertEquals(2, h.sh("conntrack -L -m 17").out().lines().count());
        assertEquals(0, h.sh("conntrack -L -m 1").out().length());
        r = h.sh("conntrack -U -p tcp");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("-U needs something to update"), r.err());
        r = h.sh("conntrack -L -m 1/0xff");
        assertTrue(r.err().contains("a mask goes with -U only"), r.err());
    }

    @Test
    void conntrackCommandFiltersDeleteFlushStats() {
        twoUnrepliedConnections();
        var r = h.sh("conntrack -L -p tcp -s 192.0.2.9 -o extended");
        assertEquals("ipv4     2 tcp      6 120 SYN_SENT src=192.0.2.9 dst=10.0.0.1 sport=40002 dport=80 packets=1 "
                + "bytes=40 [UNREPLIED] src=10.0.0.1 dst=192.0.2.9 sport=80 dport=40002 packets=0 bytes=0 mark=0 use=1\n",
                r.out());
        assertEquals("conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n", r.err());
        assertEquals(0, h.sh("conntrack -L -p tcp --state ESTABLISHED").out().length());
        r = h.sh("conntrack -D -p tcp -s 192.0.2.9");
        assertEquals(0, r.exit());
        assertEquals("conntrack v1.4.7 (conntrack-tools): 1 flow entries have been deleted.\n", r.err());
        assertEquals(1, h.sh("conntrack -D -p tcp -s 192.0.2.9").exit());
        assertTrue(h.sh("conntrack -S").out().startsWith("cpu=0   \tfound="));
        r = h.sh("conntrack -F");
        assertEquals("conntrack v1.4.7 (conntrack-tools): connection tracking table has been emptied.\n", r.err());
        assertEquals("0\n", h.sh("conntrack -C").out());
        assertEquals(2, h.sh("conntrack -L --bogus").exit());
    }
}
