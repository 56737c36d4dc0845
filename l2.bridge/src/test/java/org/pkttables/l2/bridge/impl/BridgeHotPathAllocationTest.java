package org.pkttables.l2.bridge.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.tables.testing.AllocationMeter;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * The bridge family's matches and targets allocate nothing per frame: a ruleset using each of them (the
 * log watcher aside: it builds its line only for frames it logs) runs 20,000 rounds over a mix of frames,
 * truncated ones included, within a few hundred bytes on this thread (HotSpot's counter).
 */
class BridgeHotPathAllocationTest {
    @Test
    void noMatchOrTargetAllocatesPerFrame() {
        Assumptions.assumeTrue(AllocationMeter.available(), "needs HotSpot's per-thread allocation counter");
        Harness h = Bridge.harness();
        String[] rules = {
            "-p IPv4 -s ! Multicast -i eth0 --ip-src 10.0.0.0/8 --ip-proto tcp --ip-dport 1:100",
            "-p IPv4 --ip-proto icmp --ip-icmp-type echo-request",
            "-p IPv6 --ip6-src 2001:db8::/32 --ip6-proto udp --ip6-sport 53",
            "-p ARP --arp-op Request --arp-ip-src 10.0.0.1 --arp-mac-src Unicast --arp-gratuitous",
            "--among-src 02:00:00:00:00:01=10.0.0.1,02:00:00:00:00:03 ! --among-dst 02:00:00:00:00:09",
            "-p 802_1Q --vlan-id 42 --vlan-encap IPv4",
            "-p Length --802_3-sap 0x42",
            "-d BGA --stp-type config --stp-root-cost 1:100",
            "--mark 0x1/0x1 --pkttype-type otherhost",
            "-j mark --mark-xor 0x1 --mark-target CONTINUE",
        };
        for (String r : rules) {
            assertEquals(0, h.sh("ebtables -A FORWARD " + r).exit(), r);
        }
        assertEquals(0, h.sh("ebtables -t nat -A PREROUTING -j dnat --to-dst 02:00:00:00:00:02 --dnat-target CONTINUE")
                .exit());
        byte[] tcp = Frames.ipv4("10.0.0.1", "10.0.0.2").tcp(1234, 22).build();
        byte[] icmp = Frames.ipv4("10.0.0.1", "10.0.0.2").icmp(8, 0).build();
        byte[] udp6 = Frames.ipv6("2001:db8::1", "2001:db8::2").udp(53, 53).build();
        byte[] arp = Frames.arpRequest("02:00:00:00:00:01", "10.0.0.1", "10.0.0.2");
        byte[][] frames = { tcp, icmp, udp6, arp, Arrays.copyOf(tcp, 30), Arrays.copyOf(udp6, 60),
            Arrays.copyOf(arp, 20) };
        AllocationMeter.Measurement m = AllocationMeter.measure(() -> {
            int n = 0;
            for (byte[] f : frames) {
                n += h.inject(Family.BRIDGE, Hook.PREROUTING, f, "eth0", null);
                n += h.inject(Family.BRIDGE, Hook.FORWARD, f, "eth0", "eth1");
            }
            return n;
        });
        assertTrue(m.bytes() < 1024, m.toString());
    }
}
