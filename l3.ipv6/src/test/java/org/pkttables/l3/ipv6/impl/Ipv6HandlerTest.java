package org.pkttables.l3.ipv6.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Param;
import org.pkttables.tables.testing.Frames;

class Ipv6HandlerTest {
    private final Ipv6Handler h = new Ipv6Handler();

    private PacketContext parsed(byte[] frame) {
        PacketContext p = new PacketContext(0).reset(frame, 0, frame.length);
        h.parse(p, 14);
        return p;
    }

    private static Frames.Packet v6() {
        return Frames.ipv6("2001:db8::1", "2001:db8::2");
    }

    @Test
    void plainTcpUdpIcmp() {
        PacketContext t = parsed(v6().tcp(1234, 80).build());
        assertFalse(t.isMalformed());
        assertEquals(0x86dd, t.etherType());
        assertEquals(54, t.l4Offset());
        assertEquals(6, t.l4Proto());
        assertEquals(80, t.u16(t.l4Offset() + 2));
        assertEquals(17, parsed(v6().udp(1, 53).build()).l4Proto());
        assertEquals(58, parsed(v6().icmp(128, 0).build()).l4Proto());
        assertFalse(t.isFragment());
    }

    @Test
    void walksExtensionHeaders() {
        PacketContext p = parsed(v6().hopByHop().routing().destOptions().ah().udp(1, 53).build());
        assertFalse(p.isMalformed());
        assertEquals(54 + 8 + 8 + 8 + 24, p.l4Offset());
        assertEquals(17, p.l4Proto());
        assertEquals(53, p.u16(p.l4Offset() + 2));
    }

    @Test
    void fragmentHeaderSetsFragmentInfo() {
        List<byte[]> frags = v6().hopByHop().udp(7, 9).payload(new byte[2000]).fragments(1000);
        assertEquals(3, frags.size());
        PacketContext first = parsed(frags.get(0));
        assertTrue(first.isFragment());
        assertEquals(0, first.fragOffset());
        assertEquals(17, first.l4Proto());
        assertEquals(54 + 8 + 8, first.l4Offset());
        assertEquals(9, first.u16(first.l4Offset() + 2));
        PacketContext second = parsed(frags.get(1));
        assertTrue(second.isFragment());
        assertEquals(1000, second.fragOffset());
        assertEquals(17, second.l4Proto(), "later fragments report the fragment header's next header");
        PacketContext atomic = parsed(v6().fragment(0, false).tcp(1, 2).build());
        assertTrue(atomic.isFragment());
        assertEquals(6, atomic.l4Proto());
    }

    @Test
    void espAndNoNextHeaderEndTheWalk() {
        PacketContext esp = parsed(v6().hopByHop().raw(50, new byte[16]).build());
        assertEquals(50, esp.l4Proto());
        assertEquals(54 + 8, esp.l4Offset());
        PacketContext none = parsed(v6().destOptions().build());
        assertFalse(none.isMalformed());
        assertEquals(59, none.l4Proto());
    }

    @Test
    void tooManyExtensionHeadersAreMalformed() {
        Frames.Packet ok = v6();
        Frames.Packet tooMany = v6();
        for (int i = 0; i < Ipv6Handler.MAX_EXT_HEADERS; i++) {
            ok.destOptions();
            tooMany.destOptions();
        }
        tooMany.destOptions();
        assertFalse(parsed(ok.udp(1, 2).build()).isMalformed());
        assertTrue(parsed(tooMany.udp(1, 2).build()).isMalformed());
    }

    @Test
    void everyTruncationIsMalformedAndNothingThrows() {
        byte[] f = v6().hopByHop().ah().fragment(0, true).tcp(1, 2).payload("abc").build();
        for (int len = 0; len <= f.length; len++) {
            PacketContext p = new PacketContext(0).reset(f, 0, len);
            assertEquals(len == f.length, h.parse(p, 14), "length " + len);
            assertEquals(len != f.length, p.isMalformed(), "length " + len);
        }
    }

    @Test
    void extensionHeaderLongerThanThePayloadIsMalformed() {
        byte[] f = v6().hopByHop().udp(1, 2).build();
        f[54 + 1] = 10; // hop-by-hop claims 88 bytes
        assertTrue(parsed(f).isMalformed());
        byte[] g = v6().udp(1, 2).padTo(100).build();
        assertFalse(parsed(g).isMalformed(), "Ethernet padding after the payload");
        byte[] v4 = v6().udp(1, 2).build();
        v4[14] = 0x45;
        assertTrue(parsed(v4).isMalformed());
    }

    @Test
    void aCutExtensionHeaderIsWalkedLikeIpv6FindHdrAndTheSameGoesOn() {
        // measured: the kernel forwards these (policy ACCEPT); ipv6_find_hdr reads only each header's
        // first bytes, so the protocol is known and the transport offset lies past the packet
        byte[] f = v6().destOptions().tcp(1, 2).build();
        f[54 + 1] = 10; // destination options claim 88 bytes
        PacketContext p = parsed(f);
        assertFalse(p.isMalformed());
        assertEquals(6, p.l4Proto());
        assertEquals(-1, p.u8(p.l4Offset()), "no transport byte is there");
        byte[] g = v6().fragment(0, true).tcp(1, 2).build();
        byte[] cut = java.util.Arrays.copyOf(g, 14 + 40 + 4);
        cut[14 + 5] = 4; // payload length: the first half of the fragment header
        PacketContext q = parsed(cut);
        assertFalse(q.isMalformed());
        assertEquals(6, q.l4Proto(), "the fragment offset is there, so the walk goes past the header");
        byte[] h = java.util.Arrays.copyOf(g, 14 + 40 + 2);
        h[14 + 5] = 2;
        PacketContext r = parsed(h);
        assertFalse(r.isMalformed());
        assertEquals(-1, r.l4Proto(), "no fragment offset: no transport protocol, as nf_tables' unspec");
    }

    @Test
    void payloadLengthZeroWithoutHopByHopIsTheBareHeaderAndPaddingIsCutOff() {
        byte[] f = v6().udp(1, 2).build();
        f[14 + 4] = 0;
        f[14 + 5] = 0;
        PacketContext p = parsed(f);
        assertFalse(p.isMalformed());
        assertEquals(14 + 40, p.end());
        byte[] g = v6().udp(1, 2).padTo(100).build();
        assertEquals(14 + 40 + 8, parsed(g).end());
    }

    @Test
    void descriptorListsOptionsInIp6tablesOrder() {
        assertEquals(List.of("-s", "-d", "-i", "-o", "-p"),
                h.baseDescriptor().params().stream().map(Param::option).toList());
        assertEquals(58, h.protocolNumber("icmpv6"));
        assertEquals(58, h.protocolNumber("ipv6-icmp"));
    }
}
