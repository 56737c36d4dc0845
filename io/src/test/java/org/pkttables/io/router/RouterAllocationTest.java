package org.pkttables.io.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.ext.matches.impl.UdpMatchType;
import org.pkttables.l3.arp.impl.ArpHandler;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.route.InterfaceAddress;
import org.pkttables.route.impl.RoutingTableImpl;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;
import org.pkttables.io.ports.Port;
import org.pkttables.io.workers.FrameLoop;
import org.pkttables.io.workers.Worker;
import org.pkttables.io.frames.IpHeaders;

/**
 * Router mode's hot path allocates nothing once warm: forwarding both ways over IPv4 and IPv6 (route
 * lookup, neighbour lookup, TTL, FORWARD rules) and answering pings (INPUT, echo reply, OUTPUT,
 * POSTROUTING). Measured with the JVM's per-thread allocation counter, not with time.
 */
public class RouterAllocationTest {
    /** Sends nothing anywhere: counts only. */
    public static final class NullPort extends Port {
        public long sent;

        public NullPort(int index, String name) {
            super(index, name, 1500);
        }

        @Override
        public boolean send(byte[] frame, int len) {
            sent++;
            return true;
        }
    }

    @Test
    void forwardingAndAnsweringPingAllocateNothing() {
        Harness h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new ArpHandler(), new TcpMatchType(),
                new UdpMatchType());
        assertEquals(0, h.sh("iptables -A FORWARD -p tcp --dport 22 -j DROP").exit());
        assertEquals(0, h.sh("ip6tables -A FORWARD -p udp --dport 22 -j DROP").exit());
        NullPort[] ports = {new NullPort(0, "p0"), new NullPort(1, "p1")};
        RoutingTableImpl rt = new RoutingTableImpl();
        List<InterfaceAddress> addrs = List.of(RouterSettings.parseAddress("10.0.1.1/24 dev p0"),
                RouterSettings.parseAddress("fd00:1::1/64 dev p0"), RouterSettings.parseAddress("10.0.2.1/24 dev p1"),
                RouterSettings.parseAddress("fd00:2::1/64 dev p1"));
        rt.configure(addrs, List.of());
        NeighbourTable neigh = new NeighbourTable(3600_000_000_000L, 64);
        Worker w = new Worker(0, h.ruleset(), ports, 16);
        String p0 = "02:00:00:00:01:01";
        String p1 = "02:00:00:00:02:01";
        RouterStage stage = new RouterStage(w, h.ruleset(), rt, ports, new long[] {mac(p0), mac(p1)}, neigh, () -> { });
        String c = "02:00:00:00:01:02";
        String s = "02:00:00:00:02:02";
        neigh.confirm(new NeighbourTable.Key().set(0, Frames.addr("10.0.1.2", 4), 0, 4), mac(c), 0, true);
        neigh.confirm(new NeighbourTable.Key().set(1, Frames.addr("10.0.2.2", 4), 0, 4), mac(s), 0, true);
        neigh.confirm(new NeighbourTable.Key().set(0, Frames.addr("fd00:1::2", 16), 0, 16), mac(c), 0, true);
        neigh.confirm(new NeighbourTable.Key().set(1, Frames.addr("fd00:2::2", 16), 0, 16), mac(s), 0, true);
        byte[][] frames = {
            Frames.ipv4("10.0.1.2", "10.0.2.2").srcMac(c).dstMac(p0).tcp(40000, 80).payload("GET /").build(),
            Frames.ipv4("10.0.2.2", "10.0.1.2").srcMac(s).dstMac(p1).tcp(80, 40000).payload("200 OK").build(),
            Frames.ipv6("fd00:1::2", "fd00:2::2").srcMac(c).dstMac(p0).udp(5000, 53).payload("q").build(),
            Frames.ipv6("fd00:2::2", "fd00:1::2").srcMac(s).dstMac(p1).udp(53, 5000).payload("a").build(),
            Frames.ipv4("10.0.1.2", "10.0.1.1").srcMac(c).dstMac(p0).icmp(8, 0).payload("ping").build(),
            Frames.ipv6("fd00:1::2", "fd00:1::1").srcMac(c).dstMac(p0).icmp(128, 0).payload("ping").build(),
        };
        int[] in = {0, 1, 0, 1, 0, 0};
        FrameLoop loop = new FrameLoop(frames, in);
        FrameLoop.Path path = stage::frame;
        long now = 1_000_000_000L;
        loop.run(path, 30_000, now);
        int n = 120_000;
        // Per-packet allocation shows in every window; a one-off (a late JIT deoptimisation under a loaded
        // machine) in one window only: the best of three windows must be (nearly) zero.
        long bytes = Long.MAX_VALUE;
        for (int window = 0; window < 3 && bytes >= n / 100; window++) {
            long sentBefore = ports[0].sent + ports[1].sent;
            long before = loop.allocated();
            loop.run(path, n, now);
            bytes = Math.min(bytes, loop.allocated() - before);
            assertEquals(n, ports[0].sent + ports[1].sent - sentBefore, "every packet forwarded or answered");
        }
        assertTrue(bytes < n / 100, bytes + " bytes allocated over " + n + " packets");
    }

    private static long mac(String m) {
        return IpHeaders.mac(Frames.mac(m), 0);
    }
}
