package org.pkttables.io.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.ext.matches.impl.MarkMatchType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.ext.matches.impl.UdpMatchType;
import org.pkttables.io.router.RouterAllocationTest.NullPort;
import org.pkttables.l2.bridge.impl.BridgeHandler;
import org.pkttables.l2.bridge.impl.EbtMarkTargetType;
import org.pkttables.l2.bridge.impl.EbtSnatTargetType;
import org.pkttables.l3.arp.impl.ArpHandler;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;
import org.pkttables.io.workers.FrameLoop;
import org.pkttables.io.workers.Worker;

/**
 * Bridge mode's hot path allocates nothing once warm, with rules in the bridge, IPv4 and arp families,
 * including flooding over three ports with a snat rule (each port's copy restored from the kept
 * frame). Measured with the JVM's per-thread allocation counter, not with time.
 */
class BridgeAllocationTest {
    @Test
    void bridgingThroughEveryFamilyAllocatesNothing() {
        Harness h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new ArpHandler(), new BridgeHandler(),
                new TcpMatchType(), new UdpMatchType(), new MarkMatchType(), new EbtMarkTargetType(),
                new EbtSnatTargetType());
        for (String cmd : new String[] {
            "ebtables -t nat -A PREROUTING -p IPv4 -j mark --mark-set 7 --mark-target CONTINUE",
            "ebtables -A FORWARD -s 02:00:00:00:00:66 -j DROP",
            "ebtables -t nat -A POSTROUTING -o p2 -j snat --to-src 02:00:00:00:00:99",
            "iptables -A FORWARD -m mark --mark 7 -p tcp --dport 22 -j DROP",
            "arptables -A FORWARD --opcode 9 -j DROP"}) {
            assertEquals(0, h.sh(cmd).exit(), cmd + ": " + h.sh(cmd).err());
        }
        NullPort[] ports = {new NullPort(0, "p0"), new NullPort(1, "p1"), new NullPort(2, "p2")};
        Worker w = new Worker(0, h.ruleset(), ports, 16);
        w.stage(new BridgeStage(w, h.ruleset(), ports, new Fdb(64, 300_000_000_000L), new BridgeFamilyStage.Calls()));
        String a = "02:00:00:00:00:0a";
        String b = "02:00:00:00:00:0b";
        String unknown = "02:00:00:00:00:0c";
        byte[][] frames = {
            Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac(a).dstMac(b).tcp(40000, 80).payload("GET /").build(),
            Frames.ipv4("10.0.0.2", "10.0.0.1").srcMac(b).dstMac(a).tcp(80, 40000).payload("200 OK").build(),
            Frames.ipv6("fd00::1", "fd00::2").srcMac(a).dstMac(unknown).udp(5000, 53).payload("q").build(),
            Frames.arpRequest(a, "10.0.0.1", "10.0.0.3"),
            Frames.arpReply(b, "10.0.0.2", a, "10.0.0.1"),
        };
        int[] in = {0, 1, 0, 0, 1};
        FrameLoop loop = new FrameLoop(frames, in);
        FrameLoop.Path path = w::frame;
        long now = 1_000_000_000L;
        loop.run(path, 30_000, now);
        long sentBefore = ports[0].sent + ports[1].sent + ports[2].sent;
        long before = loop.allocated();
        int n = 100_000;
        loop.run(path, n, now);
        long bytes = loop.allocated() - before;
        // Per 5 frames: 1 + 1 forwarded, IPv6 and the ARP request flooded to 2 ports each, 1 reply.
        assertEquals(n / 5 * 7, ports[0].sent + ports[1].sent + ports[2].sent - sentBefore, "every frame sent");
        assertTrue(bytes < n / 100, bytes + " bytes allocated over " + n + " frames");
    }
}
