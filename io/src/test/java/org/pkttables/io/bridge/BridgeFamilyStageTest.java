package org.pkttables.io.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.ext.matches.impl.MarkMatchType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.ext.matches.impl.UdpMatchType;
import org.pkttables.io.workers.WorkerTest.Recorder;
import org.pkttables.l2.bridge.impl.BridgeHandler;
import org.pkttables.l2.bridge.impl.EbtDnatTargetType;
import org.pkttables.l2.bridge.impl.EbtIpMatchType;
import org.pkttables.l2.bridge.impl.EbtMarkTargetType;
import org.pkttables.l2.bridge.impl.EbtSnatTargetType;
import org.pkttables.l3.arp.impl.ArpHandler;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;
import org.pkttables.io.workers.Worker;

/** The bridge family and the arp family in bridge mode, in br_netfilter's order, through a worker. */
class BridgeFamilyStageTest {
    private static final String A = "02:00:00:00:00:0a";
    private static final String B = "02:00:00:00:00:0b";
    private static final String C = "02:00:00:00:00:0c";
    private static final long NOW = 1_000_000_000_000L;

    private Harness h;
    private Recorder[] ports;
    private Worker w;
    private BridgeFamilyStage.Calls calls;

    @BeforeEach
    public void setUp() {
        h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new ArpHandler(), new BridgeHandler(),
                new TcpMatchType(), new UdpMatchType(), new MarkMatchType(), new EbtIpMatchType(),
                new EbtMarkTargetType(), new EbtDnatTargetType(), new EbtSnatTargetType());
        ports = new Recorder[] {new Recorder(0, "p0", 1500), new Recorder(1, "p1", 1500), new Recorder(2, "p2", 1500)};
        w = new Worker(0, h.ruleset(), ports, 16);
        calls = new BridgeFamilyStage.Calls();
        w.stage(new BridgeStage(w, h.ruleset(), ports, new Fdb(64, 300_000_000_000L), calls));
    }

    private void ok(String cmd) {
        var r = h.sh(cmd);
        assertEquals(0, r.exit(), cmd + ": " + r.err());
    }

    private void in(int port, byte[] f) {
        w.frame(f, f.length, port, NOW);
    }

    private int[] sentCounts() {
        return new int[] {ports[0].sent.size(), ports[1].sent.size(), ports[2].sent.size()};
    }

    private static byte[] ipv4(String src, String dst) {
        return Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac(src).dstMac(dst).udp(1000, 53).build();
    }

    /** A frame of a protocol no L3 family knows (local experimental ethertype). */
    private static byte[] other(String src, String dst) {
        byte[] f = ipv4(src, dst);
        f[12] = (byte) 0x88;
        f[13] = (byte) 0xb5;
        return f;
    }

    @Test
    void anEbtablesForwardDropStopsEveryKindOfFrameAndCounts() {
        ok("ebtables -A FORWARD -s " + A + " -j DROP");
        in(0, ipv4(A, B));
        in(0, Frames.arpRequest(A, "10.0.0.1", "10.0.0.2"));
        in(0, other(A, B));
        assertArrayEquals(new int[] {0, 0, 0}, sentCounts());
        in(1, ipv4(B, A));
        assertArrayEquals(new int[] {1, 0, 0}, sentCounts(), "B's frames pass (A was learned before the drop)");
        assertTrue(h.sh("ebtables -L FORWARD --Lc").out().contains("-s 02:00:00:00:00:0a -j DROP , pcnt = 6 -- bcnt = "),
                h.sh("ebtables -L FORWARD --Lc").out());
        assertEquals(6, w.counters.get(Worker.FILTERED), "3 frames flooded to 2 ports each");
        assertEquals(6, w.counters.get(Worker.drops(0)));
    }

    @Test
    void theBridgeFamilyComesBeforeTheIpForwardChain() {
        ok("ebtables -A FORWARD -o p2 -j DROP");
        ok("iptables -A FORWARD -o p2");
        ok("iptables -A FORWARD -o p1");
        in(0, ipv4(A, B));
        assertArrayEquals(new int[] {0, 1, 0}, sentCounts());
        String listed = h.sh("iptables -S FORWARD -v").out();
        assertTrue(listed.contains("-A FORWARD -o p2 -c 0 0"), listed);
        assertTrue(listed.contains("-A FORWARD -o p1 -c 1 "), listed);
    }

    @Test
    void dnatInPreroutingChangesWhereTheFrameGoes() {
        in(1, ipv4(B, A));
        in(2, ipv4(C, A));
        ports[0].sent.clear();
        ports[1].sent.clear();
        ports[2].sent.clear();
        ok("ebtables -t nat -A PREROUTING -i p0 -d " + B + " -j dnat --to-dst " + C);
        in(0, ipv4(A, B));
        assertArrayEquals(new int[] {0, 0, 1}, sentCounts(), "looked up after the rewrite: C lives on p2");
        assertEquals(0x0c, ports[2].sent.get(0)[5]);
    }

    @Test
    void aMarkSetByEbtablesIsSeenByIptables() {
        ok("ebtables -t nat -A PREROUTING -p IPv4 -j mark --mark-set 7 --mark-target CONTINUE");
        ok("iptables -A FORWARD -m mark --mark 7 -o p2 -j DROP");
        in(0, ipv4(A, B));
        assertArrayEquals(new int[] {0, 1, 0}, sentCounts());
        String listed = h.sh("iptables -S FORWARD -v").out();
        assertTrue(listed.contains("-o p2 -m mark --mark 0x7 -c 1 "), listed);
    }

    @Test
    void snatOnOnePortDoesNotLeakIntoTheOtherPortsCopy() {
        ok("ebtables -t nat -A POSTROUTING -o p1 -j snat --to-src " + C);
        byte[] f = ipv4(A, B);
        byte[] original = f.clone();
        in(0, f);
        assertArrayEquals(new int[] {0, 1, 1}, sentCounts());
        assertEquals(0x0c, ports[1].sent.get(0)[11], "p1's copy has the new source");
        assertArrayEquals(original, ports[2].sent.get(0), "p2's copy is the frame as it arrived");
    }

    @Test
    void arptablesForwardFiltersBridgedArpUnlessSwitchedOff() {
        ok("arptables -A FORWARD --opcode Request -j DROP");
        in(0, Frames.arpRequest(A, "10.0.0.1", "10.0.0.2"));
        assertArrayEquals(new int[] {0, 0, 0}, sentCounts());
        in(1, Frames.arpReply(B, "10.0.0.2", A, "10.0.0.1"));
        assertArrayEquals(new int[] {1, 0, 0}, sentCounts(), "replies pass");
        String listed = h.sh("arptables -S FORWARD -v").out();
        assertTrue(listed.contains("-A FORWARD -j DROP --opcode 1 -c 2 "), listed);
        assertEquals(2, w.counters.get(Worker.ARP));
        calls.set(true, true, false);
        in(0, Frames.arpRequest(A, "10.0.0.1", "10.0.0.3"));
        assertEquals(1, ports[1].sent.size(), "call-arptables off: ARP is bridged through ebtables only");
    }

    @Test
    void callIptablesOffBridgesIpv4PastTheIpv4Hooks() {
        ok("iptables -P FORWARD DROP");
        in(0, ipv4(A, B));
        assertArrayEquals(new int[] {0, 0, 0}, sentCounts());
        calls.set(false, true, true);
        in(0, ipv4(A, B));
        assertArrayEquals(new int[] {0, 1, 1}, sentCounts());
        ok("ebtables -A FORWARD -p IPv4 --ip-proto udp -j DROP");
        in(0, ipv4(A, B));
        assertArrayEquals(new int[] {0, 1, 1}, sentCounts(), "the bridge family still applies");
    }

    @Test
    void floodedFramesAreKeptAsideOnlyWhenABridgeRuleRewrites() {
        BridgeFamilyStage st = new BridgeFamilyStage(h.ruleset(), new org.pkttables.api.PacketContext(0),
                new String[] {"p0", "p1"});
        assertFalse(st.keepPristine());
        ok("ebtables -A FORWARD -s " + A + " -j DROP");
        assertFalse(st.keepPristine(), "a filter rule rewrites nothing");
        ok("ebtables -t nat -A POSTROUTING -j snat --to-src " + C);
        assertTrue(st.keepPristine());
        ok("ebtables -t nat -F");
        assertFalse(st.keepPristine());
    }
}
