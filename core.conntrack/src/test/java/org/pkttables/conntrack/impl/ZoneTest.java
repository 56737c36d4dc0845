package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.tables.testing.Frames.ACK;
import static org.pkttables.tables.testing.Frames.SYN;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.match.ConntrackMatchType;
import org.pkttables.conntrack.impl.target.CtTargetType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;

/**
 * Conntrack zones ({@code CT --zone}): two networks with the same addresses behind eth0 and eth1 keep
 * separate entries for the same tuple; a packet only finds the entry of its own zone.
 */
class ZoneTest extends TrackedHarnessTest {
    @BeforeEach
    void setUp() {
        track(new String[] { "ipv4", "ipv6" }, new Ipv4Handler(), new TcpMatchType(), new ConntrackMatchType(),
                new CtTargetType(), new ConntrackCommand(engine));
        for (String cmd : new String[] { "iptables -t raw -A PREROUTING -i eth1 -j CT --zone 1",
            "iptables -A INPUT -m conntrack --ctstate NEW -p tcp --dport 80 -j ACCEPT",
            "iptables -A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT", "iptables -P INPUT DROP" }) {
            assertEquals(0, h.sh(cmd).exit(), cmd);
        }
    }

    private int in(byte[] f, String iface) {
        int v = h.inject(Family.IPV4, Hook.PREROUTING, f, iface, null);
        return v == Verdict.ACCEPT ? h.inject(Family.IPV4, Hook.INPUT, f, iface, null) : v;
    }

    @Test
    void sameTupleInTwoZonesIsTwoConnections() {
        byte[] syn = Seg.tcp("192.0.2.7", "10.0.0.1", 40000, 80, SYN, 1000, 0, 65535, 0);
        assertEquals(Verdict.ACCEPT, in(syn, "eth0"));
        assertEquals(Verdict.ACCEPT, in(syn, "eth1"));
        String list = h.sh("conntrack -L").out();
        assertEquals(2, list.lines().count(), list);
        assertTrue(list.lines().anyMatch(l -> l.contains(" zone=1 ")), list);
        assertEquals(1, list.lines().filter(l -> !l.contains("zone=")).count(), list);
        // a packet of port 22 in zone 1 matches no entry: NEW, and not allowed
        byte[] ack = Seg.tcp("192.0.2.7", "10.0.0.1", 40001, 22, ACK, 1001, 7001, 65535, 0);
        assertEquals(Verdict.DROP, in(ack, "eth1"));
    }

    @Test
    void aReplyFindsOnlyTheEntryOfItsZone() {
        assertEquals(0, h.sh("iptables -t raw -A OUTPUT -o eth1 -j CT --zone 1").exit());
        assertEquals(0, h.sh("iptables -A OUTPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT").exit());
        assertEquals(0, h.sh("iptables -P OUTPUT DROP").exit());
        byte[] syn = Seg.tcp("192.0.2.7", "10.0.0.1", 40000, 80, SYN, 1000, 0, 65535, 0);
        assertEquals(Verdict.ACCEPT, in(syn, "eth1"));
        assertEquals(Verdict.ACCEPT, in(syn, "eth0"));
        byte[] synAck = Seg.tcp("10.0.0.1", "192.0.2.7", 80, 40000, SYN | ACK, 7000, 1001, 65535, 0);
        int v = h.inject(Family.IPV4, Hook.OUTPUT, synAck, null, "eth1");
        assertEquals(Verdict.ACCEPT, v, "the reply in zone 1 belongs to the zone-1 connection");
        assertEquals(Verdict.ACCEPT, h.inject(Family.IPV4, Hook.POSTROUTING, synAck, null, "eth1"));
        String list = h.sh("conntrack -L").out();
        assertTrue(list.lines().anyMatch(l -> l.contains("SYN_RECV") && l.contains("zone=1")), list);
        assertTrue(list.lines().anyMatch(l -> l.contains("SYN_SENT") && !l.contains("zone=")), list);
        // without the zone template the same reply would be a reply of the zone-0 connection: out via eth0
        // it is (OUTPUT has no zone rule for eth0)
        assertEquals(Verdict.ACCEPT, h.inject(Family.IPV4, Hook.OUTPUT, synAck, null, "eth0"));
    }
}
