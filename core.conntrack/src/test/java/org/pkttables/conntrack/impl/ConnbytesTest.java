package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.match.ConnbytesMatchType;
import org.pkttables.ext.matches.impl.UdpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.testing.Frames;

/** connbytes reads the connection's counters, which include the packet being filtered. */
class ConnbytesTest extends TrackedHarnessTest {
    private static final Hook[] FWD = { Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING };

    @BeforeEach
    void setUp() {
        track(new String[] { "ipv4" }, new Ipv4Handler(), new UdpMatchType(), new ConnbytesMatchType());
    }

    private int send(boolean reply, int payload) {
        byte[] f = reply ? Frames.ipv4("10.0.0.1", "192.0.2.7").udp(53, 40000).payload(new byte[payload]).build()
                : Frames.ipv4("192.0.2.7", "10.0.0.1").udp(40000, 53).payload(new byte[payload]).build();
        return reply ? h.injectPath(Family.IPV4, f, "eth1", "eth0", FWD) : h.injectPath(Family.IPV4, f, "eth0", "eth1", FWD);
    }

    @Test
    void packetsInTheOriginalDirectionFromTheThirdOn() {
        ok("iptables -A FORWARD -m connbytes --connbytes 3 --connbytes-dir original --connbytes-mode packets -j DROP");
        assertEquals(Verdict.ACCEPT, send(false, 10));
        assertEquals(Verdict.ACCEPT, send(true, 10));
        assertEquals(Verdict.ACCEPT, send(false, 10), "second original packet");
        assertEquals(Verdict.ACCEPT, send(true, 10), "replies do not count");
        assertEquals(Verdict.DROP, send(false, 10), "third original packet");
    }

    @Test
    void bothDirectionsBytesAndInvertedRange() {
        // 28 bytes of headers + 72 payload = 100 bytes per packet
        ok("iptables -A FORWARD -m connbytes ! --connbytes 0:250 --connbytes-dir both --connbytes-mode bytes -j DROP");
        assertEquals(Verdict.ACCEPT, send(false, 72));
        assertEquals(Verdict.ACCEPT, send(true, 72));
        assertEquals(Verdict.DROP, send(false, 72), "300 bytes are past 250");
    }

    @Test
    void averagePacketSize() {
        ok("iptables -A FORWARD -m connbytes --connbytes 150: --connbytes-dir both --connbytes-mode avgpkt -j DROP");
        assertEquals(Verdict.ACCEPT, send(false, 72), "100 bytes average");
        assertEquals(Verdict.DROP, send(true, 172), "(100 + 200) / 2 = 150: dropped");
    }
}
