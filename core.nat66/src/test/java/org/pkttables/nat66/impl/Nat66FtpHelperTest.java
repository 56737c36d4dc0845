package org.pkttables.nat66.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.conntrack.impl.match.ConntrackMatchType;
import org.pkttables.conntrack.impl.match.HelperMatchType;
import org.pkttables.conntrack.impl.target.CtTargetType;
import org.pkttables.helper.ftp.FtpHelper;
import org.pkttables.nat.NatCore;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * The FTP helper over NAT66, as the kernel's nf_nat_ftp on IPv6: a client behind source NAT announces
 * {@code EPRT |2|inside|port|}, which leaves as {@code |2|%pI6|port|} with the address the server sees (the
 * kernel's uncompressed form), the segment grows, and the server's data connection to that address and
 * port reaches the client through the expectation's destination NAT; the following segments carry moved
 * sequence numbers. Frames are compared with ones built afresh, checksums computed from scratch.
 */
class Nat66FtpHelperTest {
    private static final int SYN = 0x02, ACK = 0x10, PSH = 0x08;
    private static final String CLIENT = "fd00::2", PUB = "2001:db8:ffff::1", SERVER = "2001:db8:1::7";
    private final ConntrackEngine engine = new ConntrackEngine(1024, 5, new AtomicLong(1_000_000)::get);
    private final Harness h = new Nat66Harness(engine, new NatCore()).harness();

    Nat66FtpHelperTest() {
        h.with(new ConntrackMatchType(), new HelperMatchType(), new CtTargetType());
        engine.helperRegistry.add(new FtpHelper());
        for (String r : List.of("-P FORWARD DROP", "-A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT",
                "-A FORWARD -m conntrack --ctstate RELATED -m helper --helper ftp -j ACCEPT",
                "-A FORWARD -i lan -m conntrack --ctstate NEW -j ACCEPT", "-t raw -A PREROUTING -p tcp -j CT --helper ftp",
                "-t nat -A POSTROUTING -o wan -j SNAT --to-source " + PUB)) {
            assertEquals(0, h.sh("ip6tables " + r).exit(), r);
        }
    }

    private static byte[] tcp(String src, String dst, int sport, int dport, int flags, long seq, long ack, String data) {
        return Frames.ipv6(src, dst).tcp(sport, dport).flags(flags).seq(seq).ack(ack).payload(data).build();
    }

    private void passes(byte[] f, String in, String out, byte[] want) {
        Harness.Routed r = h.injectPathGrowing(Family.IPV6, f, 512, in, out, Hook.PREROUTING, Hook.FORWARD,
                Hook.POSTROUTING);
        assertEquals(Verdict.ACCEPT, r.verdict());
        assertArrayEquals(want, r.frame());
    }

    @Test
    void eprtBehindNat66AnnouncesThePublicAddressAsTheKernelWritesIt() {
        passes(tcp(CLIENT, SERVER, 40000, 21, SYN, 100, 0, ""), "lan", "wan",
                tcp(PUB, SERVER, 40000, 21, SYN, 100, 0, ""));
        passes(tcp(SERVER, PUB, 21, 40000, SYN | ACK, 900, 101, ""), "wan", "lan",
                tcp(SERVER, CLIENT, 21, 40000, SYN | ACK, 900, 101, ""));
        passes(tcp(CLIENT, SERVER, 40000, 21, ACK, 101, 901, ""), "lan", "wan",
                tcp(PUB, SERVER, 40000, 21, ACK, 101, 901, ""));
        String line = "EPRT |2|fd00::2|50000|\r\n";
        String rewritten = "EPRT |2|2001:0db8:ffff:0000:0000:0000:0000:0001|50000|\r\n";
        passes(tcp(CLIENT, SERVER, 40000, 21, ACK | PSH, 101, 901, line), "lan", "wan",
                tcp(PUB, SERVER, 40000, 21, ACK | PSH, 101, 901, rewritten));
        // the server's data connection to the announced address and port: RELATED, translated to the client
        passes(tcp(SERVER, PUB, 20, 50000, SYN, 5000, 0, ""), "wan", "lan",
                tcp(SERVER, CLIENT, 20, 50000, SYN, 5000, 0, ""));
        // the server acknowledges the longer line; the client sees its own numbers, and its next segment moves
        int grown = rewritten.length() - line.length();
        passes(tcp(SERVER, PUB, 21, 40000, ACK | PSH, 901, 101 + rewritten.length(), "200 ok\r\n"), "wan", "lan",
                tcp(SERVER, CLIENT, 21, 40000, ACK | PSH, 901, 101 + line.length(), "200 ok\r\n"));
        passes(tcp(CLIENT, SERVER, 40000, 21, ACK, 101 + line.length(), 909, ""), "lan", "wan",
                tcp(PUB, SERVER, 40000, 21, ACK, 101 + line.length() + grown, 909, ""));
    }
}
