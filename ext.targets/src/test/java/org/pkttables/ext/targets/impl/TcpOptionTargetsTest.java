package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Verdict;
import org.pkttables.tables.testing.Packets;

/** TCPMSS and TCPOPTSTRIP rewrite TCP options in place and keep the TCP checksum right. */
class TcpOptionTargetsTest {
    private static final int TH = Packets.ETH + Packets.IP4;

    /** SYN with MSS 1460, SACK permitted, timestamp, NOP, window scale: 20 bytes of options. */
    private static byte[] syn() {
        return Sums.fix4(Packets.ipv4(6, Packets.tcp(1234, 80, 0x02,
                2, 4, 0x05, 0xb4, 4, 2, 8, 10, 1, 2, 3, 4, 5, 6, 7, 8, 1, 3, 3, 7)));
    }

    private static int mss(byte[] f) {
        return (f[TH + 22] & 0xff) << 8 | f[TH + 23] & 0xff;
    }

    @Test
    void setMssLowersButNeverRaises() {
        byte[] f = syn();
        assertEquals(Verdict.CONTINUE, RewritingTargetsTest.compile(new TcpmssTargetType(), Family.IPV4, 6,
                "--set-mss 1400").apply(Packets.ctx4(f)));
        assertEquals(1400, mss(f));
        assertTrue(Sums.tcpValid(f));
        RewritingTargetsTest.compile(new TcpmssTargetType(), Family.IPV4, 6, "--set-mss 1450").apply(Packets.ctx4(f));
        assertEquals(1400, mss(f), "never raised");
    }

    @Test
    void clampUsesTheAssumedEthernetMtu() {
        byte[] f = Sums.fix4(Packets.ipv4(6, Packets.tcp(1, 2, 0x02, 2, 4, 0x23, 0x28))); // MSS 9000
        RewritingTargetsTest.compile(new TcpmssTargetType(), Family.IPV4, 6, "--clamp-mss-to-pmtu")
                .apply(Packets.ctx4(f));
        assertEquals(1460, mss(f));
        assertTrue(Sums.tcpValid(f));
    }

    @Test
    void withoutMssOptionOrOnLaterFragmentsNothingChanges() {
        byte[] f = Sums.fix4(Packets.ipv4(6, Packets.tcp(1, 2, 0x02, 1, 1, 1, 1)));
        byte[] before = f.clone();
        RewritingTargetsTest.compile(new TcpmssTargetType(), Family.IPV4, 6, "--set-mss 100").apply(Packets.ctx4(f));
        assertArrayEquals(before, f);
        byte[] g = syn();
        RewritingTargetsTest.compile(new TcpmssTargetType(), Family.IPV4, 6, "--set-mss 100")
                .apply(Packets.laterFragment(Packets.ctx4(g)));
        assertEquals(1460, mss(g));
        assertEquals(Verdict.DROP, RewritingTargetsTest.compile(new TcpmssTargetType(), Family.IPV4, 6,
                "--set-mss 100").apply(Packets.ctx4(syn(), TH + 30)), "options cut short");
    }

    @Test
    void stripReplacesOptionsWithNops() {
        byte[] f = syn();
        RewritingTargetsTest.compile(new TcpoptstripTargetType(), Family.IPV4, 6,
                "--strip-options timestamp,sack-permitted").apply(Packets.ctx4(f));
        byte[] opts = Arrays.copyOfRange(f, TH + 20, TH + 40);
        assertArrayEquals(new byte[] {2, 4, 0x05, (byte) 0xb4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 7}, opts);
        assertTrue(Sums.tcpValid(f), "odd and even byte positions both accounted for");
        RewritingTargetsTest.compile(new TcpoptstripTargetType(), Family.IPV4, 6, "--strip-options 3")
                .apply(Packets.ctx4(f));
        assertEquals(1, f[TH + 37]);
        assertTrue(Sums.tcpValid(f));
    }

    @Test
    void stripHandlesZeroLengthOptionsAndTruncation() {
        byte[] f = Sums.fix4(Packets.ipv4(6, Packets.tcp(1, 2, 0x02, 8, 0, 8, 0)));
        RewritingTargetsTest.compile(new TcpoptstripTargetType(), Family.IPV4, 6, "--strip-options 8")
                .apply(Packets.ctx4(f));
        assertTrue(Sums.tcpValid(f), "zero-length options advance by one and are stripped one byte at a time");
        assertEquals(Verdict.DROP, RewritingTargetsTest.compile(new TcpoptstripTargetType(), Family.IPV4, 6,
                "--strip-options 8").apply(Packets.ctx4(syn(), TH + 19)));
    }
}
