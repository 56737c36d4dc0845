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

    /** LAN to WAN through the router; the frame is rewritten in place. */
    private int out(byte[] f) {
        return h.injectPath(Family.IPV4, f, "lan", "wan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING);
    }

    private int in(byte[] f) {
        return h.injectPath(Family.IPV4, f, "wan", "lan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING);
    }

    /** A TCP segment (window 65535) with its acknowledgement number and its checksum computed from scratch. */
    static byte[] tcp(String src, String dst, int sport, int dport, int flags, long seq, long ack, String data) {
        byte[] f = Frames.ipv4(src, dst).tcp(sport, dport).flags(flags).seq(seq).payload(data).build();
        int l4 = 34;
        for (int i = 0; i < 4; i++) {
            f[l4 + 8 + i] = (byte) (ack >>> (24 - 8 * i));
        }
        int len = f.length - l4;
        Checksums.store(f, l4, len, 16, Checksums.pseudo(f, 14, true, 6, len), 6);
        return f;
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
        byte[] syn = tcp(c, sIn, 40000, 21, SYN, 100, 0, "");
        assertEquals(Verdict.ACCEPT, out(syn));
        assertArrayEquals(tcp(cOut, s, 40000, 21, SYN, 100, 0, ""), syn);
        byte[] synAck = tcp(s, cOut, 21, 40000, SYN | ACK, 900, 101, "");
        assertEquals(Verdict.ACCEPT, in(synAck));
        assertArrayEquals(tcp(sIn, c, 21, 40000, SYN | ACK, 900, 101, ""), synAck);
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
        assertArrayEquals(tcp(pub, SERVER, 40000, 21, ACK | PSH, 101, 901, rewritten), cmd);
        checksumValid(cmd);
        byte[] data = tcp(SERVER, pub, 20, dataPort, SYN, 5000, 0, "");
        assertEquals(Verdict.ACCEPT, in(data), "RELATED, with destination NAT from the expectation");
        assertArrayEquals(tcp(SERVER, client, 20, clientPort, SYN, 5000, 0, ""), data);
    }

    @Test
    void activePortBehindSourceNatAnnouncesTheTranslatedAddressAndADataPortThatFits() {
        ok("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1");
        handshake("10.0.0.2", "203.0.113.1", SERVER, SERVER);
        // "203,0,113,1" is three characters longer than "10,0,0,2": the data port is one whose two numbers
        // take one digit each (the first unprivileged one, 4*256+0), so the segment keeps its length; the
        // server's connection to it reaches the client's real address and port
        announces("10.0.0.2", "203.0.113.1", "PORT 10,0,0,2,195,80\r\n", "PORT 203,0,113,1,4,0\r\n", 1024, 50000);
        String expect = h.sh("conntrack -L expect").out();
        assertTrue(expect.isBlank() || !expect.contains("dport=1024"), "taken: " + expect);
        byte[] dataAck = tcp("10.0.0.2", SERVER, 50000, 20, SYN | ACK, 7000, 5001, "");
        assertEquals(Verdict.ACCEPT, out(dataAck));
        assertArrayEquals(tcp("203.0.113.1", SERVER, 1024, 20, SYN | ACK, 7000, 5001, ""), dataAck);
        String list = h.sh("conntrack -L").out();
        assertTrue(list.contains("src=198.51.100.7 dst=203.0.113.1 sport=20 dport=1024 ")
                && list.contains("src=10.0.0.2 dst=198.51.100.7 sport=50000 dport=20"), list);
        // the control connection goes on with the same sequence numbers (the length did not change)
        byte[] ok = tcp(SERVER, "203.0.113.1", 21, 40000, ACK | PSH, 901, 123, "200 PORT command successful\r\n");
        assertEquals(Verdict.ACCEPT, in(ok));
        assertArrayEquals(tcp(SERVER, "10.0.0.2", 21, 40000, ACK | PSH, 901, 123,
                "200 PORT command successful\r\n"), ok);
    }

    @Test
    void aShorterTextIsPaddedWithLeadingZerosAndTheAnnouncedPortKept() {
        ok("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1");
        handshake("192.168.1.10", "203.0.113.1", SERVER, SERVER);
        announces("192.168.1.10", "203.0.113.1", "PORT 192,168,1,10,195,80\r\n", "PORT 203,00,113,1,195,80\r\n",
                50000, 50000);
    }

    @Test
    void eprtOfTheSameLengthKeepsItsPort() {
        ok("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 10.9.9.9");
        handshake("10.0.0.2", "10.9.9.9", SERVER, SERVER);
        announces("10.0.0.2", "10.9.9.9", "EPRT |1|10.0.0.2|50000|\r\n", "EPRT |1|10.9.9.9|50000|\r\n", 50000, 50000);
    }

    @Test
    void eprtOfAShorterAddressPadsThePort() {
        ok("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 10.9.9.9");
        handshake("10.0.0.22", "10.9.9.9", SERVER, SERVER);
        announces("10.0.0.22", "10.9.9.9", "EPRT |1|10.0.0.22|50000|\r\n", "EPRT |1|10.9.9.9|050000|\r\n", 50000,
                50000);
    }

    @Test
    void aTextThatWouldGrowIsDroppedNotSentCorrupted() {
        ok("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.111");
        handshake("10.0.0.2", "203.0.113.111", SERVER, SERVER);
        // "203,0,113,111,4,0" is longer than "10,0,0,2,195,80" for every port
        byte[] port = tcp("10.0.0.2", SERVER, 40000, 21, ACK | PSH, 101, 901, "PORT 10,0,0,2,195,80\r\n");
        assertEquals(Verdict.DROP, out(port));
        assertEquals(0, engine.expectations().size(), "nothing expected");
    }

    @Test
    void passiveReplyOfAPortForwardedServerAnnouncesThePublicAddress() {
        ok("iptables -t nat -A PREROUTING -i wan -d 203.0.113.1 -p tcp -j DNAT --to-destination 10.0.0.9");
        ok("iptables -I FORWARD -i wan -o lan -d 10.0.0.9 -m conntrack --ctstate NEW -j ACCEPT");
        // the client outside talks to 203.0.113.1; the server inside is 10.0.0.9
        byte[] syn = tcp(SERVER, "203.0.113.1", 40000, 21, SYN, 100, 0, "");
        assertEquals(Verdict.ACCEPT, in(syn));
        assertArrayEquals(tcp(SERVER, "10.0.0.9", 40000, 21, SYN, 100, 0, ""), syn);
        byte[] synAck = tcp("10.0.0.9", SERVER, 21, 40000, SYN | ACK, 900, 101, "");
        assertEquals(Verdict.ACCEPT, out(synAck));
        assertArrayEquals(tcp("203.0.113.1", SERVER, 21, 40000, SYN | ACK, 900, 101, ""), synAck);
        String pasv = "227 Entering Passive Mode (10,0,0,9,195,80).\r\n";
        byte[] reply = tcp("10.0.0.9", SERVER, 21, 40000, ACK | PSH, 901, 101, pasv);
        assertEquals(Verdict.ACCEPT, out(reply));
        assertArrayEquals(tcp("203.0.113.1", SERVER, 21, 40000, ACK | PSH, 901, 101,
                "227 Entering Passive Mode (203,0,113,1,4,0).\r\n"), reply);
        checksumValid(reply);
        byte[] data = tcp(SERVER, "203.0.113.1", 40002, 1024, SYN, 5, 0, "");
        assertEquals(Verdict.ACCEPT, in(data));
        assertArrayEquals(tcp(SERVER, "10.0.0.9", 40002, 50000, SYN, 5, 0, ""), data);
        byte[] dataAck = tcp("10.0.0.9", SERVER, 50000, 40002, SYN | ACK, 77, 6, "");
        assertEquals(Verdict.ACCEPT, out(dataAck));
        assertArrayEquals(tcp("203.0.113.1", SERVER, 1024, 40002, SYN | ACK, 77, 6, ""), dataAck);
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
        byte[] dataAck = tcp(SERVER, "203.0.113.1", 50000, 40002, SYN | ACK, 77, 6, "");
        assertEquals(Verdict.ACCEPT, in(dataAck));
        assertArrayEquals(tcp(SERVER, "10.0.0.2", 50000, 40002, SYN | ACK, 77, 6, ""), dataAck);
        assertEquals(0, engine.expectations().size(), "the expectation was taken");
    }

    @Test
    void aClashingDataPortMovesToTheNextFittingOne() {
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
                "EPRT |1|10.9.9.9|50001|\r\n"), eprt);
        byte[] data = tcp(SERVER, "10.9.9.9", 20, 50001, SYN, 5000, 0, "");
        assertEquals(Verdict.ACCEPT, in(data));
        assertArrayEquals(tcp(SERVER, "10.0.0.3", 20, 50000, SYN, 5000, 0, ""), data);
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
        byte[] second = udp("10.0.0.3", SERVER, 5000, 69, rrq);
        assertEquals(Verdict.ACCEPT, out(second));
        assertArrayEquals(udp("203.0.113.1", SERVER, 1024, 69, rrq), second);
        String expect = h.sh("conntrack -L expect").out();
        assertTrue(expect.contains("proto=17 src=198.51.100.7 dst=203.0.113.1 sport=0 dport=1024"), expect);
        byte[] data = tftp(3, "\0\1hello");
        byte[] first = udp(SERVER, "203.0.113.1", 3333, 1024, data);
        assertEquals(Verdict.ACCEPT, in(first), "RELATED from the server's new port");
        assertArrayEquals(udp(SERVER, "10.0.0.3", 3333, 5000, data), first);
        byte[] ack = tftp(4, "\0\1");
        byte[] back = udp("10.0.0.3", SERVER, 5000, 3333, ack);
        assertEquals(Verdict.ACCEPT, out(back));
        assertArrayEquals(udp("203.0.113.1", SERVER, 1024, 3333, ack), back);
        // the first client's transfer is its own
        byte[] other = udp(SERVER, "203.0.113.1", 4444, 5000, data);
        assertEquals(Verdict.ACCEPT, in(other));
        assertArrayEquals(udp(SERVER, "10.0.0.2", 4444, 5000, data), other);
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
