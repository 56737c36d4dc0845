package org.pkttables.nat.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Checksums;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.conntrack.impl.match.ConntrackMatchType;
import org.pkttables.conntrack.impl.match.HelperMatchType;
import org.pkttables.conntrack.impl.target.CtTargetType;
import org.pkttables.helper.ftp.FtpHelper;
import org.pkttables.helper.tftp.TftpHelper;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;
import org.pkttables.nat.NatCore;

/**
 * The FTP and TFTP helpers' NAT part (nf_nat_ftp, nf_nat_tftp) through the real core, conntrack and this
 * NAT engine, forwarded by a router whose firewall lets only new connections from the LAN and RELATED ones
 * of the helper in. Every rewritten frame is compared byte for byte with one built afresh with the expected
 * addresses, ports and payload and its checksums computed from scratch, so the incremental TCP checksum
 * update over the rewritten text is checked too.
 */
class NatHelpersTest {
    private static final int SYN = 0x02, ACK = 0x10, PSH = 0x08;
    private static final String SERVER = "198.51.100.7";
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ConntrackEngine engine = new ConntrackEngine(1024, 5, now::get);
    private final NatCore core = new NatCore();
    private final Harness h;

    NatHelpersTest() {
        List<Object> extra = new ArrayList<>(List.of(new ConntrackMatchType(), new HelperMatchType(),
                new CtTargetType()));
        h = NatEngineTest.natHarness(engine, core, extra);
        engine.helperRegistry.add(new FtpHelper());
        engine.helperRegistry.add(new TftpHelper());
        ok("iptables -P FORWARD DROP");
        ok("iptables -A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT");
        ok("iptables -A FORWARD -m conntrack --ctstate RELATED -m helper --helper ftp -j ACCEPT");
        ok("iptables -A FORWARD -m conntrack --ctstate RELATED -m helper --helper tftp -j ACCEPT");
        ok("iptables -A FORWARD -i lan -m conntrack --ctstate NEW -j ACCEPT");
        ok("iptables -t raw -A PREROUTING -p tcp -j CT --helper ftp");
        ok("iptables -t raw -A PREROUTING -p udp -j CT --helper tftp");
    }

    private void ok(String cmd) {
        org.pkttables.api.CommandFrontend.Result r = h.sh(cmd);
        assertEquals(0, r.exit(), cmd + ": " + r.err());
    }

    /**
     * LAN to WAN through the router; the frame is rewritten in place when its length stays, and what left is
     * in {@link #sent} in any case. The frame travels in a buffer with room to grow, as the appliance's.
     */
    private int out(byte[] f) {
        return route(f, "lan", "wan");
    }

    private int in(byte[] f) {
        return route(f, "wan", "lan");
    }

    /** {@code frame} leaves lan for wan as {@code want}. */
    private void outAs(byte[] frame, byte[] want) {
        TranslatedFrames.passesAs(this::out, frame, want);
    }

    /** {@code frame} comes in from wan and leaves for lan as {@code want}. */
    private void inAs(byte[] frame, byte[] want) {
        TranslatedFrames.passesAs(this::in, frame, want);
    }

    /** The frame as the last {@link #out}/{@link #in} left it (its length may have changed). */
    private byte[] sent;

    private int route(byte[] f, String in, String out) {
        Harness.Routed r = h.injectPathGrowing(Family.IPV4, f, 512, in, out, Hook.PREROUTING, Hook.FORWARD,
                Hook.POSTROUTING);
        sent = r.frame();
        if (sent.length == f.length) {
            System.arraycopy(sent, 0, f, 0, f.length);
        }
        return r.verdict();
    }

    /** A TCP segment (window 65535) with its acknowledgement number and its checksum computed from scratch. */
    static byte[] tcp(String src, String dst, int sport, int dport, int flags, long seq, long ack, String data) {
        return Frames.ipv4(src, dst).tcp(sport, dport).flags(flags).seq(seq).ack(ack).payload(data).build();
    }

    /** The TCP checksum of a frame recomputed from scratch equals the one it carries. */
    private static void checksumValid(byte[] f) {
        int l4 = 34;
        int len = f.length - l4;
        byte[] copy = f.clone();
        Checksums.store(copy, l4, len, 16, Checksums.pseudo(copy, 14, true, 6, len), 6);
        assertEquals(((copy[l4 + 16] & 0xff) << 8) | (copy[l4 + 17] & 0xff), ((f[l4 + 16] & 0xff) << 8)
                | (f[l4 + 17] & 0xff), "TCP checksum");
    }

    /**
     * The three-way handshake of a control connection {@code c:40000 → s:21} as the client sends it and
     * {@code pub} (its address outside) as the server sees it; the server's view is {@code sView}.
     */
    private void handshake(String c, String cOut, String sIn, String s) {
        outAs(tcp(c, sIn, 40000, 21, SYN, 100, 0, ""), tcp(cOut, s, 40000, 21, SYN, 100, 0, ""));
        inAs(tcp(s, cOut, 21, 40000, SYN | ACK, 900, 101, ""), tcp(sIn, c, 21, 40000, SYN | ACK, 900, 101, ""));
        assertEquals(Verdict.ACCEPT, out(tcp(c, sIn, 40000, 21, ACK, 101, 901, "")));
    }

    /**
     * The client {@code client} (seen outside as {@code pub}) sends {@code line} on its control connection,
     * which must leave as {@code rewritten} with a valid checksum; the server's data connection to
     * {@code pub:dataPort} must then reach {@code client:clientPort}.
     */
    private void announces(String client, String pub, String line, String rewritten, int dataPort, int clientPort) {
        byte[] cmd = tcp(client, SERVER, 40000, 21, ACK | PSH, 101, 901, line);
        assertEquals(Verdict.ACCEPT, out(cmd));
        assertArrayEquals(tcp(pub, SERVER, 40000, 21, ACK | PSH, 101, 901, rewritten), sent);
        checksumValid(sent);
        byte[] data = tcp(SERVER, pub, 20, dataPort, SYN, 5000, 0, "");
        assertEquals(Verdict.ACCEPT, in(data), "RELATED, with destination NAT from the expectation");
        assertArrayEquals(tcp(SERVER, client, 20, clientPort, SYN, 5000, 0, ""), data);
    }

    @Test
    void activePortBehindSourceNatAnnouncesTheTranslatedAddressAndTheSequenceNumbersFollow() {
        ok("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1");
        handshake("10.0.0.2", "203.0.113.1", SERVER, SERVER);
        // "203,0,113,1" is three characters longer than "10,0,0,2": the segment grows by 3 and keeps the
        // announced port, as nf_nat_ftp writes it; the server's connection to it reaches the client
        announces("10.0.0.2", "203.0.113.1", "PORT 10,0,0,2,195,80\r\n", "PORT 203,0,113,1,195,80\r\n", 50000, 50000);
        outAs(tcp("10.0.0.2", SERVER, 50000, 20, SYN | ACK, 7000, 5001, ""),
                tcp("203.0.113.1", SERVER, 50000, 20, SYN | ACK, 7000, 5001, ""));
        String list = h.sh("conntrack -L").out();
        assertTrue(list.contains("src=198.51.100.7 dst=203.0.113.1 sport=20 dport=50000 ")
                && list.contains("src=10.0.0.2 dst=198.51.100.7 sport=50000 dport=20"), list);
        // the server acknowledges the 25 bytes it got (101 + 25): the client hears of its 22 (101 + 22)
        byte[] ok = tcp(SERVER, "203.0.113.1", 21, 40000, ACK | PSH, 901, 126, "200 PORT command successful\r\n");
        assertEquals(Verdict.ACCEPT, in(ok), "in the window of what the client sent");
        assertArrayEquals(tcp(SERVER, "10.0.0.2", 21, 40000, ACK | PSH, 901, 123,
                "200 PORT command successful\r\n"), ok);
        // the client's next command (at 123) reaches the server at 126
        byte[] retr = tcp("10.0.0.2", SERVER, 40000, 21, ACK | PSH, 123, 930, "RETR f\r\n");
        assertEquals(Verdict.ACCEPT, out(retr));
        assertArrayEquals(tcp("203.0.113.1", SERVER, 40000, 21, ACK | PSH, 126, 930, "RETR f\r\n"), retr);
        checksumValid(retr);
        // a retransmission of the PORT segment is rewritten the same way and keeps its sequence number
        byte[] again = tcp("10.0.0.2", SERVER, 40000, 21, ACK | PSH, 101, 901, "PORT 10,0,0,2,195,80\r\n");
        assertEquals(Verdict.ACCEPT, out(again));
        assertArrayEquals(tcp("203.0.113.1", SERVER, 40000, 21, ACK | PSH, 101, 901, "PORT 203,0,113,1,195,80\r\n"),
                sent);
        // and the next command still lands where the server expects it
        outAs(tcp("10.0.0.2", SERVER, 40000, 21, ACK | PSH, 131, 930, "LIST\r\n"),
                tcp("203.0.113.1", SERVER, 40000, 21, ACK | PSH, 134, 930, "LIST\r\n"));
    }

    @Test
    void aShorterTextShrinksTheSegmentAndKeepsTheAnnouncedPort() {
        ok("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1");
        handshake("192.168.1.10", "203.0.113.1", SERVER, SERVER);
        announces("192.168.1.10", "203.0.113.1", "PORT 192,168,1,10,195,80\r\n", "PORT 203,0,113,1,195,80\r\n",
                50000, 50000);
        // one byte less: the server's ack of 101 + 25 is 101 + 26 for the client
        inAs(tcp(SERVER, "203.0.113.1", 21, 40000, ACK, 901, 126, ""),
                tcp(SERVER, "192.168.1.10", 21, 40000, ACK, 901, 127, ""));
    }

    @Test
    void eprtOfTheSameLengthKeepsItsPort() {
        ok("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 10.9.9.9");
        handshake("10.0.0.2", "10.9.9.9", SERVER, SERVER);
        announces("10.0.0.2", "10.9.9.9", "EPRT |1|10.0.0.2|50000|\r\n", "EPRT |1|10.9.9.9|50000|\r\n", 50000, 50000);
    }

    @Test
    void eprtIsWrittenAsTheKernelWritesIt() {
        ok("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 10.9.9.9");
        handshake("10.0.0.22", "10.9.9.9", SERVER, SERVER);
        // any delimiter in, '|' out (nf_nat_ftp_fmt_cmd); one character shorter
        announces("10.0.0.22", "10.9.9.9", "EPRT !1!10.0.0.22!50000!\r\n", "EPRT |1|10.9.9.9|50000|\r\n", 50000,
                50000);
    }

    @Test
    void aTextThatCannotGrowInItsBufferIsDroppedNotSentCorrupted() {
        ok("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.111");
        handshake("10.0.0.2", "203.0.113.111", SERVER, SERVER);
        // a frame whose buffer ends with it: "203,0,113,111" has no room
        byte[] port = tcp("10.0.0.2", SERVER, 40000, 21, ACK | PSH, 101, 901, "PORT 10,0,0,2,195,80\r\n");
        assertEquals(Verdict.DROP, h.injectPath(Family.IPV4, port, "lan", "wan", Hook.PREROUTING, Hook.FORWARD,
                Hook.POSTROUTING));
        // with room it grows
        byte[] again = tcp("10.0.0.2", SERVER, 40000, 21, ACK | PSH, 101, 901, "PORT 10,0,0,2,195,80\r\n");
        assertEquals(Verdict.ACCEPT, out(again));
        assertArrayEquals(tcp("203.0.113.111", SERVER, 40000, 21, ACK | PSH, 101, 901,
                "PORT 203,0,113,111,195,80\r\n"), sent);
    }

    @Test
    void sackBlocksOfTheServerAreMovedBackForTheClient() {
        ok("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1");
        handshake("10.0.0.2", "203.0.113.1", SERVER, SERVER);
        announces("10.0.0.2", "203.0.113.1", "PORT 10,0,0,2,195,80\r\n", "PORT 203,0,113,1,195,80\r\n", 50000, 50000);
        assertEquals(Verdict.ACCEPT, out(tcp("10.0.0.2", SERVER, 40000, 21, ACK | PSH, 123, 901, "RETR f\r\n")));
        assertEquals(Verdict.ACCEPT, out(tcp("10.0.0.2", SERVER, 40000, 21, ACK | PSH, 131, 901, "LIST\r\n")));
        // the server got LIST (134..140 in its numbers) but not RETR: it acknowledges 126 and SACKs LIST; the
        // client sent them as 123 and 131..137
        byte[] sack = tcpSack(SERVER, "203.0.113.1", 21, 40000, 901, 126, 134, 140);
        assertEquals(Verdict.ACCEPT, in(sack), "in the window of what the client sent");
        assertArrayEquals(tcpSack(SERVER, "10.0.0.2", 21, 40000, 901, 123, 131, 137), sack);
        checksumValid(sack);
    }

    /** An ACK with a SACK option (NOP, NOP, blocks from {@code edges}), its checksum computed from scratch. */
    private static byte[] tcpSack(String src, String dst, int sport, int dport, long seq, long ack, long... edges) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        int opt = 2 + 2 + 4 * edges.length;
        for (long v : new long[] { sport << 16 | dport, seq, ack }) {
            for (int i = 24; i >= 0; i -= 8) {
                b.write((int) (v >>> i));
            }
        }
        b.write(((20 + opt) / 4) << 4);
        b.write(ACK);
        b.write(0xff);
        b.write(0xff);
        b.writeBytes(new byte[4]);
        b.write(1);
        b.write(1);
        b.write(5);
        b.write(2 + 4 * edges.length);
        for (long v : edges) {
            for (int i = 24; i >= 0; i -= 8) {
                b.write((int) (v >>> i));
            }
        }
        byte[] f = Frames.ipv4(src, dst).raw(6, b.toByteArray()).build();
        int len = f.length - 34;
        Checksums.store(f, 34, len, 16, Checksums.pseudo(f, 14, true, 6, len), 6);
        return f;
    }

    @Test
    void passiveReplyOfAPortForwardedServerAnnouncesThePublicAddress() {
        ok("iptables -t nat -A PREROUTING -i wan -d 203.0.113.1 -p tcp -j DNAT --to-destination 10.0.0.9");
        ok("iptables -I FORWARD -i wan -o lan -d 10.0.0.9 -m conntrack --ctstate NEW -j ACCEPT");
        // the client outside talks to 203.0.113.1; the server inside is 10.0.0.9
        inAs(tcp(SERVER, "203.0.113.1", 40000, 21, SYN, 100, 0, ""),
                tcp(SERVER, "10.0.0.9", 40000, 21, SYN, 100, 0, ""));
        outAs(tcp("10.0.0.9", SERVER, 21, 40000, SYN | ACK, 900, 101, ""),
                tcp("203.0.113.1", SERVER, 21, 40000, SYN | ACK, 900, 101, ""));
        String pasv = "227 Entering Passive Mode (10,0,0,9,195,80).\r\n";
        byte[] reply = tcp("10.0.0.9", SERVER, 21, 40000, ACK | PSH, 901, 101, pasv);
        assertEquals(Verdict.ACCEPT, out(reply));
        assertArrayEquals(tcp("203.0.113.1", SERVER, 21, 40000, ACK | PSH, 901, 101,
                "227 Entering Passive Mode (203,0,113,1,195,80).\r\n"), sent);
        checksumValid(sent);
        inAs(tcp(SERVER, "203.0.113.1", 40002, 50000, SYN, 5, 0, ""),
                tcp(SERVER, "10.0.0.9", 40002, 50000, SYN, 5, 0, ""));
        outAs(tcp("10.0.0.9", SERVER, 50000, 40002, SYN | ACK, 77, 6, ""),
                tcp("203.0.113.1", SERVER, 50000, 40002, SYN | ACK, 77, 6, ""));
    }

    /** The control connection of a client outside to the port-forwarded server 10.0.0.9 (public 203.0.113.1). */
    private void portForwardedServer() {
        ok("iptables -t nat -A PREROUTING -i wan -d 203.0.113.1 -p tcp -j DNAT --to-destination 10.0.0.9");
        ok("iptables -I FORWARD -i wan -o lan -d 10.0.0.9 -m conntrack --ctstate NEW -j ACCEPT");
        assertEquals(Verdict.ACCEPT, in(tcp(SERVER, "203.0.113.1", 40000, 21, SYN, 100, 0, "")));
        assertEquals(Verdict.ACCEPT, out(tcp("10.0.0.9", SERVER, 21, 40000, SYN | ACK, 900, 101, "")));
        assertEquals(Verdict.ACCEPT, in(tcp(SERVER, "203.0.113.1", 40000, 21, ACK, 101, 901, "")));
    }

    @Test
    void a227SplitAcrossTwoSegmentsIsJoinedRewrittenAndSentWithTheSecond() {
        portForwardedServer();
        String head = "227 Entering Passive Mode (";
        String rest = "10,0,0,9,195,80).\r\n";
        // the beginning is held back: nothing of the line may reach the client untranslated
        assertEquals(Verdict.DROP, out(tcp("10.0.0.9", SERVER, 21, 40000, ACK | PSH, 901, 101, head)));
        // its retransmissions too (the client never acknowledged it)
        assertEquals(Verdict.DROP, out(tcp("10.0.0.9", SERVER, 21, 40000, ACK | PSH, 901, 101, head)));
        assertEquals(0, engine.expectations().size(), "no expectation from half a line");
        // the rest arrives: it leaves as the whole line, rewritten, from the line's first sequence number
        byte[] second = tcp("10.0.0.9", SERVER, 21, 40000, ACK | PSH, 901 + head.length(), 101, rest);
        assertEquals(Verdict.ACCEPT, out(second));
        String line = "227 Entering Passive Mode (203,0,113,1,195,80).\r\n";
        assertArrayEquals(tcp("203.0.113.1", SERVER, 21, 40000, ACK | PSH, 901, 101, line), sent);
        checksumValid(sent);
        // the client acknowledges the line as it got it (3 bytes longer): the server hears of its own bytes
        byte[] ack = tcp(SERVER, "203.0.113.1", 40000, 21, ACK, 101, 901 + line.length(), "");
        assertEquals(Verdict.ACCEPT, in(ack), "in the window of what the server sent");
        assertArrayEquals(tcp(SERVER, "10.0.0.9", 40000, 21, ACK, 101, 901 + head.length() + rest.length(), ""), ack);
        // the server's next reply follows the longer line
        byte[] next = tcp("10.0.0.9", SERVER, 21, 40000, ACK | PSH, 901 + head.length() + rest.length(), 101,
                "150 ok\r\n");
        assertEquals(Verdict.ACCEPT, out(next));
        assertArrayEquals(tcp("203.0.113.1", SERVER, 21, 40000, ACK | PSH, 901 + line.length(), 101, "150 ok\r\n"),
                next);
        // and the data connection the line announced is RELATED and reaches the server
        inAs(tcp(SERVER, "203.0.113.1", 40002, 50000, SYN, 5, 0, ""),
                tcp(SERVER, "10.0.0.9", 40002, 50000, SYN, 5, 0, ""));
    }

    @Test
    void aLineSplitInThreeAndASegmentAfterAGapAreHandled() {
        portForwardedServer();
        assertEquals(Verdict.DROP, out(tcp("10.0.0.9", SERVER, 21, 40000, ACK | PSH, 901, 101, "22")));
        assertEquals(Verdict.DROP, out(tcp("10.0.0.9", SERVER, 21, 40000, ACK | PSH, 903, 101, "7 Entering (10,0")));
        // a segment beyond a hole cannot be placed before the line is complete: dropped, to be retransmitted
        assertEquals(Verdict.DROP, out(tcp("10.0.0.9", SERVER, 21, 40000, ACK | PSH, 930, 101, "xx")));
        // the rest, overlapping what is held by two bytes (a resegmenting retransmission)
        byte[] rest = tcp("10.0.0.9", SERVER, 21, 40000, ACK | PSH, 917, 101, ",0,0,9,4,1)\r\n");
        assertEquals(Verdict.ACCEPT, out(rest));
        assertArrayEquals(tcp("203.0.113.1", SERVER, 21, 40000, ACK | PSH, 901, 101,
                "227 Entering (203,0,113,1,4,1)\r\n"), sent);
        checksumValid(sent);
    }

    @Test
    void aHeldBeginningThatNothingFollowsIsLetThroughAfterSomeRetransmissions() {
        portForwardedServer();
        String head = "227 Entering Passive Mode (";
        int drops = 0;
        int v;
        do {
            v = out(tcp("10.0.0.9", SERVER, 21, 40000, ACK | PSH, 901, 101, head));
            drops += v == Verdict.DROP ? 1 : 0;
        } while (v == Verdict.DROP && drops < 20);
        assertEquals(Verdict.ACCEPT, v, "a sender that waits for the acknowledgement (Nagle) is not blocked");
        assertEquals(5, drops, "the first segment and four retransmissions were held back");
        assertArrayEquals(tcp("203.0.113.1", SERVER, 21, 40000, ACK | PSH, 901, 101, head), sent);
    }

    @Test
    void aLineLongerThanTheBoundPassesAsItIs() {
        portForwardedServer();
        String head = "227 " + "x".repeat(400);
        assertEquals(Verdict.DROP, out(tcp("10.0.0.9", SERVER, 21, 40000, ACK | PSH, 901, 101, head)));
        String more = "y".repeat(200);
        byte[] second = tcp("10.0.0.9", SERVER, 21, 40000, ACK | PSH, 901 + head.length(), 101, more);
        assertEquals(Verdict.ACCEPT, out(second));
        assertArrayEquals(tcp("203.0.113.1", SERVER, 21, 40000, ACK | PSH, 901, 101, head + more), sent,
                "held bytes and the rest, untranslated, at their place in the stream");
        assertEquals(Verdict.ACCEPT, out(tcp("10.0.0.9", SERVER, 21, 40000, ACK | PSH, 901 + head.length()
                + more.length(), 101, "more\r\n")), "the connection goes on");
    }

    @Test
    void passiveDataConnectionFromInsideIsRelatedAndSourceNatted() {
        ok("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1");
        handshake("10.0.0.2", "203.0.113.1", SERVER, SERVER);
        String pasv = "227 Entering Passive Mode (198,51,100,7,195,80).\r\n";
        byte[] reply = tcp(SERVER, "203.0.113.1", 21, 40000, ACK | PSH, 901, 101, pasv);
        assertEquals(Verdict.ACCEPT, in(reply));
        // the server's own address is what the client sees: the text stays, the port is unique as it is
        assertArrayEquals(tcp(SERVER, "10.0.0.2", 21, 40000, ACK | PSH, 901, 101, pasv), reply);
        String expect = h.sh("conntrack -L expect").out();
        assertTrue(expect.contains("proto=6 src=10.0.0.2 dst=198.51.100.7 sport=0 dport=50000"), expect);
        ok("iptables -D FORWARD -i lan -m conntrack --ctstate NEW -j ACCEPT"); // only RELATED may pass now
        byte[] data = tcp("10.0.0.2", SERVER, 40002, 50000, SYN, 5, 0, "");
        assertEquals(Verdict.ACCEPT, out(data), "RELATED");
        // its source is translated by the nat table, as any new connection's
        assertArrayEquals(tcp("203.0.113.1", SERVER, 40002, 50000, SYN, 5, 0, ""), data);
        inAs(tcp(SERVER, "203.0.113.1", 50000, 40002, SYN | ACK, 77, 6, ""),
                tcp(SERVER, "10.0.0.2", 50000, 40002, SYN | ACK, 77, 6, ""));
        assertEquals(0, engine.expectations().size(), "the expectation was taken");
    }

    @Test
    void aClashingDataPortMovesToTheNextFreeOne() {
        ok("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 10.9.9.9");
        handshake("10.0.0.2", "10.9.9.9", SERVER, SERVER);
        assertEquals(Verdict.ACCEPT, out(tcp("10.0.0.2", SERVER, 40000, 21, ACK | PSH, 101, 901,
                "EPRT |1|10.0.0.2|50000|\r\n")));
        // a second client announces the same port: its expectation must be another one
        byte[] syn = tcp("10.0.0.3", SERVER, 40000, 21, SYN, 100, 0, "");
        assertEquals(Verdict.ACCEPT, out(syn));
        assertEquals(Verdict.ACCEPT, in(tcp(SERVER, "10.9.9.9", 21, tcpPort(syn), SYN | ACK, 900, 101, "")));
        byte[] eprt = tcp("10.0.0.3", SERVER, 40000, 21, ACK | PSH, 101, 901, "EPRT |1|10.0.0.3|50000|\r\n");
        assertEquals(Verdict.ACCEPT, out(eprt));
        assertArrayEquals(tcp("10.9.9.9", SERVER, tcpPort(syn), 21, ACK | PSH, 101, 901,
                "EPRT |1|10.9.9.9|50001|\r\n"), sent);
        inAs(tcp(SERVER, "10.9.9.9", 20, 50001, SYN, 5000, 0, ""),
                tcp(SERVER, "10.0.0.3", 20, 50000, SYN, 5000, 0, ""));
    }

    private static int tcpPort(byte[] f) {
        return ((f[34] & 0xff) << 8) | (f[35] & 0xff);
    }

    private static byte[] udp(String src, String dst, int sp, int dp, byte[] payload) {
        return Frames.ipv4(src, dst).udp(sp, dp).payload(payload).build();
    }

    private static byte[] tftp(int opcode, String rest) {
        byte[] r = rest.getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = new byte[2 + r.length];
        b[1] = (byte) opcode;
        System.arraycopy(r, 0, b, 2, r.length);
        return b;
    }

    @Test
    void tftpReplyFromTheServersNewPortReachesTheClientBehindSourceNat() {
        ok("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1");
        byte[] rrq = tftp(1, "boot.img\0octet\0");
        // two clients from the same port: the second one's request leaves from another port
        assertEquals(Verdict.ACCEPT, out(udp("10.0.0.2", SERVER, 5000, 69, rrq)));
        outAs(udp("10.0.0.3", SERVER, 5000, 69, rrq), udp("203.0.113.1", SERVER, 1024, 69, rrq));
        String expect = h.sh("conntrack -L expect").out();
        assertTrue(expect.contains("proto=17 src=198.51.100.7 dst=203.0.113.1 sport=0 dport=1024"), expect);
        byte[] data = tftp(3, "\0\1hello");
        byte[] first = udp(SERVER, "203.0.113.1", 3333, 1024, data);
        assertEquals(Verdict.ACCEPT, in(first), "RELATED from the server's new port");
        assertArrayEquals(udp(SERVER, "10.0.0.3", 3333, 5000, data), first);
        byte[] ack = tftp(4, "\0\1");
        outAs(udp("10.0.0.3", SERVER, 5000, 3333, ack), udp("203.0.113.1", SERVER, 1024, 3333, ack));
        // the first client's transfer is its own
        inAs(udp(SERVER, "203.0.113.1", 4444, 5000, data), udp(SERVER, "10.0.0.2", 4444, 5000, data));
    }

    @Test
    void withoutTheHelperTheDataConnectionOfANatedSessionIsDropped() {
        ok("iptables -t raw -F");
        ok("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 10.9.9.9");
        handshake("10.0.0.2", "10.9.9.9", SERVER, SERVER);
        byte[] eprt = tcp("10.0.0.2", SERVER, 40000, 21, ACK | PSH, 101, 901, "EPRT |1|10.0.0.2|50000|\r\n");
        assertEquals(Verdict.ACCEPT, out(eprt));
        assertArrayEquals(tcp("10.9.9.9", SERVER, 40000, 21, ACK | PSH, 101, 901, "EPRT |1|10.0.0.2|50000|\r\n"),
                eprt, "not rewritten");
        assertEquals(Verdict.DROP, in(tcp(SERVER, "10.9.9.9", 20, 50000, SYN, 5000, 0, "")));
    }
}
