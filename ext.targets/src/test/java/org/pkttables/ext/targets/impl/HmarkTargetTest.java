package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Target;
import org.pkttables.tables.testing.Packets;

/**
 * HMARK marks equal the Linux kernel's: the expected values were read from a 6.x kernel's xt_HMARK
 * (UDP 4242 -> 9 sent in a network namespace, the mark recovered bit by bit with -m mark counters).
 */
class HmarkTargetTest {
    private static final HmarkTargetType TYPE = new HmarkTargetType();

    /** UDP 10.1.2.3:4242 -> 127.0.0.1:9, or the reverse direction. */
    private static PacketContext v4(boolean reverse) {
        byte[] f = Packets.ipv4(17, reverse ? Packets.udp(9, 4242) : Packets.udp(4242, 9));
        byte[] a = {10, 1, 2, 3};
        byte[] b = {127, 0, 0, 1};
        System.arraycopy(reverse ? b : a, 0, f, Packets.ETH + 12, 4);
        System.arraycopy(reverse ? a : b, 0, f, Packets.ETH + 16, 4);
        return Packets.ctx4(f);
    }

    /** UDP [2001:db8::5]:4242 -> [::1]:9. */
    private static PacketContext v6() {
        byte[] f = Packets.ipv6(17, Packets.udp(4242, 9));
        byte[] src = new byte[16];
        src[0] = 0x20;
        src[1] = 0x01;
        src[2] = 0x0d;
        src[3] = (byte) 0xb8;
        src[15] = 5;
        byte[] dst = new byte[16];
        dst[15] = 1;
        System.arraycopy(src, 0, f, Packets.ETH + 8, 16);
        System.arraycopy(dst, 0, f, Packets.ETH + 24, 16);
        return Packets.ctx6(f);
    }

    private static int mark(Family f, PacketContext p, String opts) {
        Target t = RewritingTargetsTest.compile(TYPE, f, 17, opts);
        p.setMark(0x5a5a);
        assertEquals(Verdict.CONTINUE, t.apply(p));
        return p.mark();
    }

    @Test
    void jhashOfTheKernelAndTheFullTuple() {
        assertEquals(0x19044676, mark(Family.IPV4, v4(false),
                "--hmark-tuple src,dst,sport,dport,proto --hmark-rnd 0xfeedcafe --hmark-mod 4294967295"));
    }

    @Test
    void masksPrefixesAndProtoMaskAsTheKernel() {
        assertEquals(0xe6219d84, mark(Family.IPV4, v4(false), "--hmark-src-prefix 24 --hmark-dst-prefix 16 "
                + "--hmark-sport-mask 0xff00 --hmark-dport-mask 0xffff --hmark-proto-mask 0x0f --hmark-rnd 0x12345678 "
                + "--hmark-mod 4294967295"));
    }

    @Test
    void modAndOffsetScaleTheHash() {
        assertEquals(1009, mark(Family.IPV4, v4(false),
                "--hmark-tuple src,dst,sport,dport,proto --hmark-rnd 0xfeedcafe --hmark-mod 100 --hmark-offset 1000"));
    }

    @Test
    void bothDirectionsOfAFlowGetOneMark() {
        String opts = "--hmark-tuple src,dst,sport,dport,proto --hmark-rnd 0xfeedcafe --hmark-mod 4294967295";
        assertEquals(mark(Family.IPV4, v4(false), opts), mark(Family.IPV4, v4(true), opts));
    }

    @Test
    void ipv6AsTheKernel() {
        assertEquals(0xedc352ab, mark(Family.IPV6, v6(),
                "--hmark-tuple src,dst,sport,dport,proto --hmark-rnd 0xfeedcafe --hmark-mod 4294967295"));
        assertEquals(0xa1a58f03, mark(Family.IPV6, v6(),
                "--hmark-src-prefix 64 --hmark-tuple dst,dport --hmark-rnd 0x01020304 --hmark-mod 4294967295"));
    }

    @Test
    void fragmentsAreHashedWithoutPorts() {
        String opts = "--hmark-tuple src,dst,sport,dport --hmark-rnd 7 --hmark-mod 4294967295";
        int whole = mark(Family.IPV4, v4(false), opts);
        int frag = mark(Family.IPV4, Packets.laterFragment(v4(false)), opts);
        int noPorts = mark(Family.IPV4, v4(false), "--hmark-tuple src,dst --hmark-rnd 7 --hmark-mod 4294967295");
        assertEquals(noPorts, frag);
        assertEquals(false, whole == frag, "ports change the hash");
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> RewritingTargetsTest.compile(TYPE, Family.IPV4, 17, "--hmark-rnd 1 --hmark-mod 10"));
        assertThrows(IllegalArgumentException.class,
                () -> RewritingTargetsTest.compile(TYPE, Family.IPV4, 17, "--hmark-tuple src --hmark-rnd 1"));
        assertThrows(IllegalArgumentException.class, () -> RewritingTargetsTest.compile(TYPE, Family.IPV4, 17,
                "--hmark-tuple spi,sport --hmark-rnd 1 --hmark-mod 10"));
    }
}
