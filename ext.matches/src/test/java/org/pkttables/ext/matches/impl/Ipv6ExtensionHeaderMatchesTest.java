package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.Packets;

/** ah (IPv6), hbh, dst, rt and ipv6header on hand-built extension header chains. */
class Ipv6ExtensionHeaderMatchesTest {
    /** Concatenates headers; the IPv6 next-header field is {@code first}. */
    private static byte[] chain(int first, byte[]... headers) {
        int n = 0;
        for (byte[] h : headers) {
            n += h.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] h : headers) {
            System.arraycopy(h, 0, all, at, h.length);
            at += h.length;
        }
        return Packets.ipv6(first, all);
    }

    /** An 8-byte options header (hop-by-hop or destination) with the given option bytes, padded. */
    private static byte[] opts(int next, int... bytes) {
        byte[] h = new byte[8];
        h[0] = (byte) next;
        for (int i = 0; i < bytes.length; i++) {
            h[2 + i] = (byte) bytes[i];
        }
        return h;
    }

    private static byte[] ah(int next, long spi, int reserved) {
        byte[] h = new byte[12 + 4];
        h[0] = (byte) next;
        h[1] = 2; // (2 + 2) * 4 = 16 bytes
        h[2] = (byte) (reserved >> 8);
        h[3] = (byte) reserved;
        for (int i = 0; i < 4; i++) {
            h[4 + i] = (byte) (spi >>> (24 - 8 * i));
        }
        return h;
    }

    /** Type 0 routing header with addresses ::1, ::2, ...; segments left as given. */
    private static byte[] rt0(int next, int segsLeft, int... lastBytes) {
        byte[] h = new byte[8 + 16 * lastBytes.length];
        h[0] = (byte) next;
        h[1] = (byte) (2 * lastBytes.length);
        h[2] = 0;
        h[3] = (byte) segsLeft;
        for (int i = 0; i < lastBytes.length; i++) {
            h[8 + 16 * i + 15] = (byte) lastBytes[i];
        }
        return h;
    }

    private static final byte[] UDP = Packets.udp(1, 2);

    @Test
    void ahFoundAnywhereInTheChain() {
        Ah6MatchType t = new Ah6MatchType();
        PacketContext p = Packets.ctx6(chain(0, opts(51), ah(17, 0x1234, 0), UDP));
        assertTrue(Compiled.v6(t, "--ahspi 0x1234").matches(p));
        assertFalse(Compiled.v6(t, "--ahspi 0x1235:").matches(p));
        assertTrue(Compiled.v6(t, "--ahlen 16").matches(p));
        assertFalse(Compiled.v6(t, "! --ahlen 16").matches(p));
        assertTrue(Compiled.v6(t, "--ahres").matches(p));
        assertFalse(Compiled.v6(t, "--ahres").matches(Packets.ctx6(chain(51, ah(17, 1, 1), UDP))));
        assertFalse(Compiled.v6(t, "").matches(Packets.ctx6(chain(17, UDP))), "no AH header");
        byte[] f = chain(0, opts(51), ah(17, 0x1234, 0), UDP);
        for (int len = 0; len < Packets.ETH + 40 + 8 + 12; len++) {
            assertFalse(Compiled.v6(t, "! --ahspi 1").matches(Packets.ctx6(f, len)), "cut at " + len);
        }
    }

    @Test
    void hbhAndDstOptionsInOrder() {
        HbhMatchType hbh = new HbhMatchType();
        DstMatchType dst = new DstMatchType();
        // Pad1, then option 5 with 1 byte of data, then PadN with no data: 6 bytes.
        PacketContext p = Packets.ctx6(chain(0, opts(60, 0, 5, 1, 9, 1, 0), opts(17, 7, 0), UDP));
        assertTrue(Compiled.v6(hbh, "").matches(p));
        assertTrue(Compiled.v6(hbh, "--hbh-len 8").matches(p));
        assertFalse(Compiled.v6(hbh, "! --hbh-len 8").matches(p));
        assertTrue(Compiled.v6(hbh, "--hbh-opts 0,5:1,1").matches(p));
        assertTrue(Compiled.v6(hbh, "--hbh-opts 0,5").matches(p), "a prefix of the options is enough");
        assertFalse(Compiled.v6(hbh, "--hbh-opts 0,5:2").matches(p), "length differs");
        assertFalse(Compiled.v6(hbh, "--hbh-opts 5").matches(p), "not in order");
        assertTrue(Compiled.v6(dst, "--dst-opts 7:0").matches(p));
        assertFalse(Compiled.v6(dst, "--dst-opts 7:1").matches(p));
        assertFalse(Compiled.v6(dst, "").matches(Packets.ctx6(chain(0, opts(17), UDP))), "no destination options");
        byte[] f = chain(0, opts(17, 5, 0), UDP);
        for (int len = 0; len < Packets.ETH + 48; len++) {
            assertFalse(Compiled.v6(hbh, "").matches(Packets.ctx6(f, len)), "cut at " + len);
        }
    }

    @Test
    void routingHeaderFieldsAndType0Addresses() {
        RtMatchType t = new RtMatchType();
        PacketContext p = Packets.ctx6(chain(43, rt0(17, 2, 1, 2, 3), UDP));
        assertTrue(Compiled.v6(t, "--rt-type 0 --rt-segsleft 2 --rt-len 56").matches(p));
        assertFalse(Compiled.v6(t, "--rt-type 2").matches(p));
        assertTrue(Compiled.v6(t, "! --rt-segsleft 3:").matches(p));
        assertTrue(Compiled.v6(t, "--rt-type 0 --rt-0-res").matches(p));
        assertTrue(Compiled.v6(t, "--rt-type 0 --rt-0-addrs ::1,::2,::3").matches(p));
        assertFalse(Compiled.v6(t, "--rt-type 0 --rt-0-addrs ::1,::3").matches(p), "strict: all, in order");
        assertTrue(Compiled.v6(t, "--rt-type 0 --rt-0-addrs ::1,::3 --rt-0-not-strict").matches(p));
        assertFalse(Compiled.v6(t, "--rt-type 0 --rt-0-addrs ::3,::1 --rt-0-not-strict").matches(p));
        byte[] f = chain(43, rt0(17, 2, 1, 2, 3), UDP);
        for (int len = 0; len < Packets.ETH + 40 + 56; len++) {
            assertFalse(Compiled.v6(t, "! --rt-type 7").matches(Packets.ctx6(f, len)), "cut at " + len);
        }
    }

    @Test
    void ipv6headerExactlyOrSoft() {
        Ipv6headerMatchType t = new Ipv6headerMatchType();
        PacketContext p = Packets.ctx6(chain(0, opts(43), rt0(17, 0, 1), UDP));
        assertTrue(Compiled.v6(t, "--header hop,route,prot").matches(p));
        assertFalse(Compiled.v6(t, "--header hop,route").matches(p));
        assertTrue(Compiled.v6(t, "--header hop --soft").matches(p));
        assertFalse(Compiled.v6(t, "--header hop,frag --soft").matches(p));
        assertTrue(Compiled.v6(t, "! --header hop,route").matches(p));
        assertTrue(Compiled.v6(t, "! --header frag,dst --soft").matches(p));
        assertFalse(Compiled.v6(t, "! --header frag,hop --soft").matches(p));
        assertTrue(Compiled.v6(t, "--header esp").matches(Packets.ctx6(chain(50, new byte[8]))));
        assertTrue(Compiled.v6(t, "--header none").matches(Packets.ctx6(chain(59))));
        byte[] f = chain(0, opts(17), UDP);
        assertFalse(Compiled.v6(t, "! --header esp").matches(Packets.ctx6(f, Packets.ETH + 41)), "cut short");
    }

    @Test
    void laterFragmentsHideTheirPayloadFromHbhButNotFromIpv6header() {
        byte[] frag = new byte[8];
        frag[0] = 0; // claims a hop-by-hop header follows, but this is payload
        frag[2] = 0x05; // fragment offset 0x5b8 = 1464 bytes: a later fragment
        frag[3] = (byte) 0xb8;
        Match hbh = Compiled.v6(new HbhMatchType(), "");
        assertFalse(hbh.matches(Packets.ctx6(chain(44, frag, opts(17), UDP))));
        Match ipv6h = Compiled.v6(new Ipv6headerMatchType(), "--header frag,hop --soft");
        assertTrue(ipv6h.matches(Packets.ctx6(chain(44, frag, opts(17), UDP))), "the kernel walks on here too");
    }
}
