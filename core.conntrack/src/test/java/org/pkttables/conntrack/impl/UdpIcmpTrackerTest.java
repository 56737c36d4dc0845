package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.conntrack.CtState;
import org.pkttables.conntrack.CtStatus;
import org.pkttables.tables.testing.Frames;

class UdpIcmpTrackerTest {
    private final AtomicLong now = new AtomicLong(5_000_000);
    private final ConntrackEngine e = new ConntrackEngine(1024, 7, now::get);

    @Test
    void udpUnrepliedThenStreamAndAssured() {
        byte[] q = Frames.ipv4("10.0.0.1", "10.0.0.2").udp(5000, 53).payload("q").build();
        byte[] r = Frames.ipv4("10.0.0.2", "10.0.0.1").udp(53, 5000).payload("r").build();
        CtView v = Seg.feed(e, q);
        assertEquals(CtState.NEW, v.state());
        assertEquals(30, v.expiresSeconds());
        v = Seg.feed(e, r);
        assertEquals(CtState.ESTABLISHED, v.state());
        assertTrue(v.isReply());
        assertEquals(0, v.status() & CtStatus.ASSURED);
        now.addAndGet(3000); // still active after 2 s: a stream
        v = Seg.feed(e, q);
        assertTrue((v.status() & CtStatus.ASSURED) != 0);
        assertEquals(120, v.expiresSeconds());
    }

    @Test
    void icmpEchoIdTuplesAndReply() {
        byte[] req = Frames.ipv4("10.0.0.1", "10.0.0.2").icmp(8, 0).build();
        byte[] rep = Frames.ipv4("10.0.0.2", "10.0.0.1").icmp(0, 0).build();
        assertEquals(CtState.INVALID, Seg.feed(e, rep).state(), "a reply without request");
        assertEquals(CtState.NEW, Seg.feed(e, req).state());
        CtView v = Seg.feed(e, rep);
        assertEquals(CtState.ESTABLISHED, v.state());
        assertTrue(v.isReply());
        // the server's own echo request with the same id is not the reply direction of the client's ping
        CtView w = Seg.feed(e, Frames.ipv4("10.0.0.2", "10.0.0.1").icmp(8, 0).build());
        assertEquals(CtState.NEW, w.state());
    }

    @Test
    void icmpv6Echo() {
        assertEquals(CtState.NEW, Seg.feed(e, Frames.ipv6("2001:db8::1", "2001:db8::2").icmp(128, 0).build()).state());
        assertEquals(CtState.ESTABLISHED,
                Seg.feed(e, Frames.ipv6("2001:db8::2", "2001:db8::1").icmp(129, 0).build()).state());
    }

    /**
     * Neighbour discovery and MLD are never tracked, as in the kernel (UNTRACKED, no entry): ufw's
     * before6.rules drop INVALID before they accept them; a redirect (137) or an unknown informational
     * type still cannot open a connection (INVALID).
     */
    @Test
    void icmpv6NeighbourDiscoveryAndMldAreUntracked() {
        for (int type : new int[] { 130, 131, 132, 133, 134, 135, 136, 143 }) {
            CtView v = Seg.feed(e, Frames.ipv6("fe80::1", "ff02::1:ff00:2").icmp(type, 0).build());
            assertEquals(CtState.UNTRACKED, v.state(), "type " + type);
            assertFalse(v.live(), "type " + type);
        }
        assertEquals(CtState.INVALID, Seg.feed(e, Frames.ipv6("fe80::1", "fe80::2").icmp(137, 0).build()).state());
        assertEquals(CtState.INVALID, Seg.feed(e, Frames.ipv6("fe80::1", "fe80::2").icmp(200, 0).build()).state());
        assertTrue(e.list(org.pkttables.conntrack.ConntrackFilter.ALL).isEmpty(), "no entry for any of them");
    }

    /** An ICMP error from a router quoting our UDP datagram: RELATED to that flow. */
    @Test
    void icmpErrorIsRelatedToTheFlowItQuotes() {
        byte[] udp = Frames.ipv4("10.0.0.1", "192.0.2.9").udp(5000, 33434).build();
        Seg.feed(e, udp);
        byte[] quoted = java.util.Arrays.copyOfRange(udp, 14, 14 + 28);
        byte[] err = Frames.ipv4("198.51.100.1", "10.0.0.1").icmp(11, 0).payload(quoted).build();
        // Frames writes 4 bytes of id/seq after the ICMP header: the quote starts 8 bytes in, as on the wire
        CtView v = Seg.feed(e, err);
        assertEquals(CtState.RELATED, v.state());
        assertTrue(v.isReply());
        byte[] other = Frames.ipv4("10.0.0.1", "192.0.2.9").udp(5001, 33434).build();
        byte[] err2 = Frames.ipv4("198.51.100.1", "10.0.0.1").icmp(3, 3)
                .payload(java.util.Arrays.copyOfRange(other, 14, 14 + 28)).build();
        assertEquals(CtState.INVALID, Seg.feed(e, err2).state(), "error about a flow we never saw");
        byte[] spoof = Frames.ipv4("198.51.100.1", "10.0.0.7").icmp(3, 3).payload(quoted).build();
        assertEquals(CtState.INVALID, Seg.feed(e, spoof).state(), "quoted source must be the error's destination");
        assertFalse(e.list(org.pkttables.conntrack.ConntrackFilter.ALL).isEmpty());
    }

    @Test
    void genericProtocolKeyedByAddresses() {
        byte[] gre = Frames.ipv4("10.0.0.1", "10.0.0.2").raw(47, new byte[8]).build();
        byte[] back = Frames.ipv4("10.0.0.2", "10.0.0.1").raw(47, new byte[8]).build();
        assertEquals(CtState.NEW, Seg.feed(e, gre).state());
        CtView v = Seg.feed(e, back);
        assertEquals(CtState.ESTABLISHED, v.state());
        assertEquals(600, v.expiresSeconds());
    }
}
