package org.pkttables.l3.ipv6.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.FieldConstraint;
import org.pkttables.api.ext.IndexField;
import org.pkttables.api.ext.IndexableMatch;
import org.pkttables.api.ext.InetText;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.ExtArgs;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Packets;

class Ipv6BaseMatchTest {
    private final Ipv6Handler h = new Ipv6Handler();

    private Match compile(String... words) {
        return h.compileBase(ExtArgs.parse(h.baseDescriptor(), Family.IPV6, -1, String.join(" ", words)));
    }

    private PacketContext packet(byte[] f, String in, String out) {
        return Packets.parsed(h, f, in, out);
    }

    private final byte[] udp = Frames.ipv6("2001:db8:1::5", "2001:db8:2::9").hopByHop().udp(1, 53).build();
    private final byte[] tcp = Frames.ipv6("fe80::1", "2001:db8:2::9").tcp(1, 22).build();

    @Test
    void prefixesOnBothHalves() {
        assertTrue(compile("-s", "2001:db8::/32").matches(packet(udp, null, null)));
        assertFalse(compile("-s", "2001:db8::/32").matches(packet(tcp, null, null)));
        assertTrue(compile("-s", "2001:db8:1::5").matches(packet(udp, null, null)));
        assertFalse(compile("-s", "2001:db8:1::6").matches(packet(udp, null, null)), "differs in the low half");
        assertTrue(compile("-d", "2001:db8:2::/48", "-s", "2001:db8:1::/120").matches(packet(udp, null, null)));
        assertTrue(compile("-s", "2001:0:1::/ffff:0:ffff::").matches(packet(udp, null, null)), "non-contiguous");
    }

    @Test
    void inversionInterfacesProtocol() {
        assertTrue(compile("!", "-s", "2001:db8::/32").matches(packet(tcp, null, null)));
        assertFalse(compile("!", "-d", "2001:db8:2::9").matches(packet(tcp, null, null)));
        assertTrue(compile("-p", "udp").matches(packet(udp, null, null)), "protocol after the hop-by-hop header");
        assertNull(compile("-p", "0"), "-p all matches everything: nothing to check");
        assertFalse(compile("!", "-p", "tcp").matches(packet(tcp, null, null)));
        assertTrue(compile("-i", "eth+", "!", "-o", "wan+").matches(packet(udp, "eth3", "lan0")));
        assertFalse(compile("-i", "eth+", "!", "-o", "wan+").matches(packet(udp, "eth3", "wan0")));
        assertTrue(compile("-p", "ipv6-icmp").matches(packet(Frames.ipv6("::1", "::2").icmp(128, 0).build(), null, null)));
    }

    @Test
    void nullAndErrors() {
        assertNull(compile("-s", "::/0", "-o", "+"));
        assertThrows(IllegalArgumentException.class, () -> compile("!", "-p", "all"));
        assertThrows(IllegalArgumentException.class, () -> compile("!", "-d", "::/0"));
    }

    @Test
    void truncatedHeaderNeverMatches() {
        Match m = compile("!", "-s", "2001:db8::/32");
        PacketContext p = new PacketContext(0).reset(udp, 0, 40);
        p.setL3(14, 0x86dd);
        assertFalse(m.matches(p));
    }

    @Test
    void indexableConstraintsAreTheAddressWordsAndProtocol() {
        assertEquals(List.of(FieldConstraint.exact(IndexField.IPV6_SRC0, 0x20010db8L),
                new FieldConstraint(IndexField.IPV6_SRC1, 0x00010000L, 0x0001ffffL),
                FieldConstraint.exact(IndexField.L4_PROTO, 17)),
                ((IndexableMatch) compile("-s", "2001:db8:1::/48", "-p", "udp")).constraints());
        assertEquals(List.of(FieldConstraint.exact(IndexField.IPV6_DST0, 0x20010db8L),
                FieldConstraint.exact(IndexField.IPV6_DST1, 0x00020000L), FieldConstraint.exact(IndexField.IPV6_DST2, 0),
                FieldConstraint.exact(IndexField.IPV6_DST3, 9)),
                ((IndexableMatch) compile("-d", "2001:db8:2::9")).constraints());
        // Non-contiguous: each word's leading ones (word 0's /16; word 3's mask 0000ffff leads with none).
        assertEquals(List.of(new FieldConstraint(IndexField.IPV6_SRC0, 0x20010000L, 0x2001ffffL)),
                ((IndexableMatch) compile("-s", "2001::5/ffff::ffff")).constraints());
        assertEquals(List.of(), ((IndexableMatch) compile("!", "-s", "2001:db8::/32", "!", "-p", "tcp")).constraints(),
                "inverted options say nothing the classifier could use");
    }

    /** Every constraint is necessary: whenever the match matches, the packet's words lie in its ranges. */
    @Test
    void constraintsHoldForEveryMatchingPacket() {
        SplittableRandom r = new SplittableRandom(17);
        String[] masks = { "/ffff:ffff:0:ffff::", "/ffff::ffff", "/ffff:ff00::", "/0", "/1", "/31", "/32", "/33", "/64",
            "/65", "/100", "/127", "/128", "" };
        int matched = 0;
        for (int i = 0; i < 4000; i++) {
            long hi = 0x20010db800000000L | (r.nextInt(4) << 16) | r.nextInt(2);
            long lo = r.nextInt(3);
            String rule = InetText.formatIpv6(hi, lo) + masks[r.nextInt(masks.length)];
            IndexableMatch m = (IndexableMatch) compile(r.nextBoolean() ? "-s" : "-d", rule);
            if (m == null) {
                continue;
            }
            long phi = r.nextInt(3) == 0 ? r.nextLong() : hi ^ (r.nextInt(4) == 0 ? 1L << r.nextInt(64) : 0);
            long plo = r.nextInt(3) == 0 ? r.nextLong() : lo ^ (r.nextInt(4) == 0 ? 1L << r.nextInt(64) : 0);
            String a = InetText.formatIpv6(phi, plo);
            byte[] f = Frames.ipv6(a, a).udp(1, 2).build();
            PacketContext p = packet(f, null, null);
            if (!m.matches(p)) {
                continue;
            }
            matched++;
            for (FieldConstraint c : m.constraints()) {
                int at = c.field().ordinal() - IndexField.IPV6_SRC0.ordinal();
                long w = p.u32(p.l3Offset() + 8 + 4 * at);
                assertTrue(c.field() == IndexField.L4_PROTO || (w >= c.lo() && w <= c.hi()),
                        rule + " matches " + a + " outside " + c);
            }
        }
        assertTrue(matched > 500, "only " + matched + " matching packets");
    }
}
