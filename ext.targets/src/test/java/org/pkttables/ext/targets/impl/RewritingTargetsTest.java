package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;
import org.pkttables.tables.testing.ExtArgs;
import org.pkttables.tables.testing.Packets;

/** TTL, HL, TOS, DSCP, ECN, CLASSIFY: the fields they write and checksums that stay right. */
class RewritingTargetsTest {
    static Target compile(TargetType t, Family f, int proto, String line) {
        return t.compile(t.canonicalize(ExtArgs.parse(t.descriptor(), f, proto, line)));
    }

    private static final int IP = Packets.ETH;

    private static byte[] tcp4(int tos, int ttl) {
        byte[] f = Packets.ipv4(6, Packets.tcp(1234, 80, 0x02, 2, 4, 0x05, 0xb4));
        f[IP + 1] = (byte) tos;
        f[IP + 8] = (byte) ttl;
        return Sums.fix4(f);
    }

    @ParameterizedTest
    @CsvSource({
        "--ttl-set 7, 64, 7",
        "--ttl-inc 10, 250, 255",
        "--ttl-dec 10, 5, 0",
        "--ttl-dec 1, 64, 63",
        "--ttl-inc 1, 64, 65",
    })
    void ttlSaturatesAndKeepsTheChecksum(String line, int before, int after) {
        byte[] f = tcp4(0, before);
        assertEquals(Verdict.CONTINUE, compile(new TtlTargetType(), Family.IPV4, 6, line).apply(Packets.ctx4(f)));
        assertEquals(after, f[IP + 8] & 0xff);
        assertTrue(Sums.ipValid(f), "IP checksum after " + line);
        assertTrue(Sums.tcpValid(f), "TTL is not in the TCP pseudo header");
    }

    @Test
    void hopLimit() {
        byte[] f = Packets.ipv6(17, Packets.udp(1, 2));
        compile(new HlTargetType(), Family.IPV6, -1, "--hl-dec 100").apply(Packets.ctx6(f));
        assertEquals(0, f[IP + 7]);
        compile(new HlTargetType(), Family.IPV6, -1, "--hl-set 200").apply(Packets.ctx6(f));
        assertEquals(200, f[IP + 7] & 0xff);
    }

    @Test
    void truncatedHeaderIsDropped() {
        byte[] f = tcp4(0, 64);
        assertEquals(Verdict.DROP, compile(new TtlTargetType(), Family.IPV4, 6, "--ttl-set 1")
                .apply(Packets.ctx4(f, IP + 19)));
        assertEquals(64, f[IP + 8], "nothing written");
        assertEquals(Verdict.DROP, compile(new TosTargetType(), Family.IPV4, 6, "--set-tos 1")
                .apply(Packets.ctx4(f, IP + 10)));
    }

    @ParameterizedTest
    @CsvSource({
        "--set-tos 0x10, 0xff, 0x10",
        "--set-tos Minimize-Delay, 0xc3, 0xd0",
        "--and-tos 0x0f, 0xff, 0x0f",
        "--or-tos 0x10, 0x01, 0x11",
        "--xor-tos 0x11, 0x10, 0x01",
    })
    void tosKeepsTheChecksum(String line, int before, int after) {
        byte[] f = tcp4(Integer.decode(String.valueOf(before)), 64);
        compile(new TosTargetType(), Family.IPV4, 6, line).apply(Packets.ctx4(f));
        assertEquals(after, f[IP + 1] & 0xff);
        assertTrue(Sums.ipValid(f));
    }

    @Test
    void tosAndDscpOnTheIpv6TrafficClass() {
        byte[] f = Packets.ipv6(17, Packets.udp(1, 2));
        f[IP + 1] = 0x0a; // flow label bits must survive
        compile(new TosTargetType(), Family.IPV6, -1, "--set-tos 0xb8").apply(Packets.ctx6(f));
        assertEquals(0x6b, f[IP] & 0xff);
        assertEquals(0x8a, f[IP + 1] & 0xff);
        compile(new DscpTargetType(), Family.IPV6, -1, "--set-dscp-class CS1").apply(Packets.ctx6(f));
        assertEquals(0x20, DsField.get(Packets.ctx6(f), true));
        assertEquals(0x0a, f[IP + 1] & 0x0f);
    }

    @Test
    void dscpKeepsTheEcnBits() {
        byte[] f = tcp4(0x03, 64);
        compile(new DscpTargetType(), Family.IPV4, 6, "--set-dscp-class EF").apply(Packets.ctx4(f));
        assertEquals(0xb8 | 0x03, f[IP + 1] & 0xff);
        assertTrue(Sums.ipValid(f));
    }

    @Test
    void ecnRewritesIpAndTcpBitsWithBothChecksums() {
        byte[] f = tcp4(0x02, 64);
        f[IP + 20 + 13] = (byte) (0x02 | 0x40 | 0x80); // SYN, ECE, CWR
        Sums.fix4(f);
        compile(new EcnTargetType(), Family.IPV4, 6, "--ecn-tcp-remove").apply(Packets.ctx4(f));
        assertEquals(0x02, f[IP + 20 + 13]);
        assertEquals(0x02, f[IP + 1], "IP field untouched");
        assertTrue(Sums.tcpValid(f));
        compile(new EcnTargetType(), Family.IPV4, 6, "--ecn-tcp-ece 1 --ecn-ip-ect 1").apply(Packets.ctx4(f));
        assertEquals(0x42, f[IP + 20 + 13]);
        assertEquals(0x01, f[IP + 1]);
        assertTrue(Sums.tcpValid(f));
        assertTrue(Sums.ipValid(f));
        PacketContext later = Packets.laterFragment(Packets.ctx4(f));
        compile(new EcnTargetType(), Family.IPV4, 6, "--ecn-tcp-remove").apply(later);
        assertEquals(0x42, f[IP + 20 + 13], "later fragments have no TCP header");
    }

    @Test
    void classifySetsThePriority() {
        PacketContext p = Packets.ctx4(tcp4(0, 64));
        ClassifyTargetType t = new ClassifyTargetType();
        Args a = ExtArgs.parse(t.descriptor(), Family.IPV4, -1, "--set-class 1:a");
        assertEquals("--set-class 0001:000a", ExtArgs.text(t.descriptor(), t.canonicalize(a)));
        assertEquals(Verdict.CONTINUE, t.compile(a).apply(p));
        assertEquals(0x1000a, p.priority());
        p.reset(new byte[1], 0, 1);
        assertEquals(0, p.priority(), "reset for every packet");
    }

    @Test
    void tcpmssClampNeedsAForwardingHook() {
        TcpmssTargetType t = new TcpmssTargetType();
        Args in = ExtArgs.parse(t.descriptor(), Family.IPV4, 6, "--clamp-mss-to-pmtu").toBuilder()
                .hook(Hook.INPUT).build();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> t.compile(in));
        Args fwd = in.toBuilder().hook(Hook.FORWARD).build();
        t.compile(fwd);
        t.compile(in.toBuilder().hook(null).build());
    }
}
