package org.pkttables.helper.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConfirmHook;
import org.pkttables.conntrack.impl.ConntrackCommand;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.conntrack.impl.ConntrackHook;
import org.pkttables.conntrack.impl.match.ConntrackMatchType;
import org.pkttables.conntrack.impl.match.HelperMatchType;
import org.pkttables.conntrack.impl.target.CtTargetType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * An FTP session through the real core, conntrack and this helper, forwarded by a firewall that only
 * lets new connections to port 21 in: the data connection announced by PASV, EPSV or PORT passes as
 * RELATED; without the helper, or for a port nobody announced, it is dropped.
 */
class FtpThroughConntrackTest {
    private static final int SYN = 0x02, ACK = 0x10, PSH = 0x08;
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ConntrackEngine engine = new ConntrackEngine(1024, 5, now::get);
    private final FtpHelper helper = new FtpHelper();

    private Harness firewall(boolean helperRule) {
        return firewall(helperRule ? "" : null);
    }

    /** @param ctOptions options after {@code CT --helper ftp} in the raw rule, or null for no such rule */
    private Harness firewall(String ctOptions) {
        String[] fam = { "ipv4", "ipv6" };
        Harness h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new TcpMatchType(),
                new ConntrackMatchType(), new HelperMatchType(), new CtTargetType(), new ConntrackCommand(engine));
        h.with(new ConntrackHook(engine), ConntrackHook.properties(fam));
        h.with(new ConfirmHook(engine), ConfirmHook.properties(fam));
        engine.helperRegistry.add(helper);
        for (String tool : new String[] { "iptables", "ip6tables" }) {
            ok(h, tool + " -P FORWARD DROP");
            ok(h, tool + " -A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT");
            ok(h, tool + " -A FORWARD -m conntrack --ctstate RELATED -m helper --helper ftp -j ACCEPT");
            ok(h, tool + " -A FORWARD -p tcp --dport 21 -m conntrack --ctstate NEW -j ACCEPT");
            if (ctOptions != null) {
                ok(h, tool + " -t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp" + ctOptions);
            }
        }
        return h;
    }

    private static void ok(Harness h, String cmd) {
        org.pkttables.api.CommandFrontend.Result r = h.sh(cmd);
        assertEquals(0, r.exit(), cmd + ": " + r.err());
    }

    /** PREROUTING, FORWARD, POSTROUTING, as a routed packet. */
    private static int forward(Harness h, byte[] f, boolean fromClient) {
        Family fam = (f[12] & 0xff) == 0x86 ? Family.IPV6 : Family.IPV4;
        String in = fromClient ? "eth0" : "eth1";
        String out = fromClient ? "eth1" : "eth0";
        int v = h.inject(fam, Hook.PREROUTING, f, in, null);
        if (v == Verdict.ACCEPT) {
            v = h.inject(fam, Hook.FORWARD, f, in, out);
        }
        if (v == Verdict.ACCEPT) {
            v = h.inject(fam, Hook.POSTROUTING, f, null, out);
        }
        return v;
    }

    static byte[] tcp(String src, String dst, int sport, int dport, int flags, long seq, long ack, String data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int v : new int[] { sport >>> 8, sport, dport >>> 8, dport }) {
            b.write(v);
        }
        for (long v : new long[] { seq, ack }) {
            for (int i = 24; i >= 0; i -= 8) {
                b.write((int) (v >>> i));
            }
        }
        b.write(5 << 4);
        b.write(flags);
        b.write(0xff);
        b.write(0xff);
        b.writeBytes(new byte[4]);
        b.writeBytes(data.getBytes(StandardCharsets.US_ASCII));
        return (src.contains(":") ? Frames.ipv6(src, dst) : Frames.ipv4(src, dst)).raw(6, b.toByteArray()).build();
    }

    /** Opens the control connection and lets the server say {@code serverLine} (then the client acks it). */
    /**
     * {@code h} after a passive-mode control session of client 10.0.1.2 with server 10.0.2.2: PASV, and the
     * server's answer that it listens on port 20000.
     */
    private static Harness passive(Harness h) {
        control(h, "10.0.1.2", "10.0.2.2", "PASV\r\n", "227 Entering Passive Mode (10,0,2,2,78,32).\r\n");
        return h;
    }

    private static void control(Harness h, String c, String s, String clientLine, String serverLine) {
        assertEquals(Verdict.ACCEPT, forward(h, tcp(c, s, 40000, 21, SYN, 100, 0, ""), true));
        assertEquals(Verdict.ACCEPT, forward(h, tcp(s, c, 21, 40000, SYN | ACK, 900, 101, ""), false));
        assertEquals(Verdict.ACCEPT, forward(h, tcp(c, s, 40000, 21, ACK, 101, 901, ""), true));
        long cseq = 101;
        long sseq = 901;
        if (clientLine != null) {
            assertEquals(Verdict.ACCEPT, forward(h, tcp(c, s, 40000, 21, ACK | PSH, cseq, sseq, clientLine), true));
            cseq += clientLine.length();
        }
        if (serverLine != null) {
            assertEquals(Verdict.ACCEPT, forward(h, tcp(s, c, 21, 40000, ACK | PSH, sseq, cseq, serverLine), false));
            sseq += serverLine.length();
        }
        assertEquals(Verdict.ACCEPT, forward(h, tcp(c, s, 40000, 21, ACK, cseq, sseq, ""), true));
    }

    @Test
    void passiveDataConnectionIsRelated() {
        Harness h = passive(firewall(true));
        String expect = h.sh("conntrack -L expect").out();
        assertTrue(expect.contains("proto=6 src=10.0.1.2 dst=10.0.2.2 sport=0 dport=20000"), expect);
        assertTrue(expect.contains("helper=ftp"), expect);
        // the control connection lists its helper where conntrack-tools 1.4.7 puts it: after the mark,
        // before use= and id= (seen with the real tools: "mark=0 helper=ftp use=1 id=1703891767")
        String control = h.sh("conntrack -L -p tcp --dport 21 -o id").out();
        assertTrue(control.matches("(?s)tcp +6 .* dport=21 .*\\[ASSURED\\] mark=0 helper=ftp use=1 id=\\d+\n"), control);
        // a port nobody announced stays NEW and is dropped
        assertEquals(Verdict.DROP, forward(h, tcp("10.0.1.2", "10.0.2.2", 40001, 20001, SYN, 5, 0, ""), true));
        assertEquals(Verdict.ACCEPT, forward(h, tcp("10.0.1.2", "10.0.2.2", 40002, 20000, SYN, 5, 0, ""), true));
        assertEquals(Verdict.ACCEPT, forward(h, tcp("10.0.2.2", "10.0.1.2", 20000, 40002, SYN | ACK, 77, 6, ""), false));
        // one-shot: a second connection to the same port is not related any more
        assertEquals(Verdict.DROP, forward(h, tcp("10.0.1.2", "10.0.2.2", 40003, 20000, SYN, 5, 0, ""), true));
        assertEquals("", h.sh("conntrack -L expect").out().lines().filter(l -> l.contains("proto=")).findAny()
                .orElse(""));
    }

    @Test
    void aReplySplitAcrossSegmentsWithoutNatPassesUnchangedAndOpensTheDataConnectionWhenComplete() {
        Harness h = firewall(true);
        control(h, "10.0.1.2", "10.0.2.2", "PASV\r\n", null);
        String head = "227 Entering Passive Mode (10,0,";
        byte[] first = tcp("10.0.2.2", "10.0.1.2", 21, 40000, ACK | PSH, 901, 107, head);
        byte[] copy = first.clone();
        assertEquals(Verdict.ACCEPT, forward(h, first, false), "nothing to rewrite: the segment goes on");
        assertArrayEquals(copy, first);
        assertEquals(0, engine.expectations().size(), "half a line announces nothing yet");
        assertEquals(1, helper.linesHeld.sum());
        // a retransmission of the beginning passes too
        assertEquals(Verdict.ACCEPT, forward(h, tcp("10.0.2.2", "10.0.1.2", 21, 40000, ACK | PSH, 901, 107, head),
                false));
        byte[] second = tcp("10.0.2.2", "10.0.1.2", 21, 40000, ACK | PSH, 901 + head.length(), 107, "2,2,78,32).\r\n");
        copy = second.clone();
        assertEquals(Verdict.ACCEPT, forward(h, second, false));
        assertArrayEquals(copy, second);
        assertEquals(1, helper.linesJoined.sum());
        String expect = h.sh("conntrack -L expect").out();
        assertTrue(expect.contains("proto=6 src=10.0.1.2 dst=10.0.2.2 sport=0 dport=20000"), expect);
        assertEquals(Verdict.ACCEPT, forward(h, tcp("10.0.1.2", "10.0.2.2", 40002, 20000, SYN, 5, 0, ""), true),
                "RELATED");
    }

    @Test
    void aSplitCommandOfTheClientIsFollowedAndAnUnrelatedSegmentIsNotHeld() {
        Harness h = firewall(true);
        control(h, "10.0.1.2", "10.0.2.2", null, null);
        // "P" may begin PORT: followed; "ASV" makes it PASV, which announces nothing
        assertEquals(Verdict.ACCEPT, forward(h, tcp("10.0.1.2", "10.0.2.2", 40000, 21, ACK | PSH, 101, 901, "P"), true));
        assertEquals(Verdict.ACCEPT, forward(h, tcp("10.0.1.2", "10.0.2.2", 40000, 21, ACK | PSH, 102, 901,
                "ORT 10,0,1,2,195,"), true));
        assertEquals(Verdict.ACCEPT, forward(h, tcp("10.0.1.2", "10.0.2.2", 40000, 21, ACK | PSH, 119, 901,
                "80\r\n"), true));
        String expect = h.sh("conntrack -L expect").out();
        assertTrue(expect.contains("src=10.0.2.2 dst=10.0.1.2 sport=0 dport=50000"), expect);
        // a line that cannot be a command is never held
        long held = helper.linesHeld.sum();
        assertEquals(Verdict.ACCEPT, forward(h, tcp("10.0.1.2", "10.0.2.2", 40000, 21, ACK | PSH, 123, 901,
                "RETR fi"), true));
        assertEquals(held, helper.linesHeld.sum());
    }

    @Test
    void expectationEventsFollowTheTemplatesMasks() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        engine.addExpectationListener(e -> seen.add(e.type() + " " + e.expectation().destinationPort()));
        String pasv = "227 Entering Passive Mode (10,0,2,2,78,32).\r\n";
        control(firewall(""), "10.0.1.2", "10.0.2.2", "PASV\r\n", pasv);
        assertEquals(java.util.List.of("NEW 20000"), seen, "no event mask: every event");
    }

    @Test
    void ctEventsAloneSilenceExpectationEventsAsInTheKernel() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        engine.addExpectationListener(e -> seen.add(e.type() + " " + e.expectation().destinationPort()));
        Harness h = passive(firewall(" --ctevents new,destroy"));
        assertEquals(java.util.List.of(), seen, "--ctevents without --expevents: an empty expectation mask");
        assertEquals(1, engine.expectations().size(), "the expectation exists all the same");
    }

    @Test
    void expEventsNewReportsTheExpectation() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        engine.addExpectationListener(e -> seen.add(e.type() + " " + e.expectation().destinationPort()));
        Harness h = passive(firewall(" --ctevents new --expevents new"));
        assertEquals(java.util.List.of("NEW 20000"), seen);
        assertTrue(h.sh("iptables -t raw -S PREROUTING").out()
                .contains("-j CT --helper ftp --ctevents new --expevents new"), h.sh("iptables -t raw -S").out());
    }

    @Test
    void activeModePortLetsTheServerConnectBack() {
        Harness h = firewall(true);
        control(h, "10.0.1.2", "10.0.2.2", "PORT 10,0,1,2,195,80\r\n", "200 PORT command successful\r\n");
        assertEquals(Verdict.ACCEPT, forward(h, tcp("10.0.2.2", "10.0.1.2", 20, 50000, SYN, 1, 0, ""), false));
    }

    @Test
    void portTowardsAThirdHostOpensNothing() {
        Harness h = firewall(true);
        control(h, "10.0.1.2", "10.0.2.2", "PORT 192,168,7,7,195,80\r\n", "200 PORT command successful\r\n");
        assertEquals(Verdict.DROP, forward(h, tcp("10.0.2.2", "192.168.7.7", 20, 50000, SYN, 1, 0, ""), false));
    }

    @Test
    void ipv6ExtendedPassive() {
        Harness h = firewall(true);
        control(h, "fd00:1::2", "fd00:2::2", "EPSV\r\n", "229 Entering Extended Passive Mode (|||6446|)\r\n");
        assertEquals(Verdict.ACCEPT, forward(h, tcp("fd00:1::2", "fd00:2::2", 40002, 6446, SYN, 5, 0, ""), true));
    }

    @Test
    void withoutTheHelperTheDataConnectionIsDropped() {
        Harness h = passive(firewall(false));
        assertEquals(Verdict.DROP, forward(h, tcp("10.0.1.2", "10.0.2.2", 40002, 20000, SYN, 5, 0, ""), true));
    }

    @Test
    void helperLeavingDetachesItAndDropsItsExpectations() {
        Harness h = passive(firewall(true));
        assertEquals(1, engine.expectations().size());
        engine.helperRegistry.remove(engine.helperRegistry.get("ftp"));
        assertEquals(0, engine.expectations().size());
        assertEquals(Verdict.DROP, forward(h, tcp("10.0.1.2", "10.0.2.2", 40002, 20000, SYN, 5, 0, ""), true));
    }
}
