package org.pkttables.io.workers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Checksums;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.ext.matches.impl.UdpMatchType;
import org.pkttables.io.bridge.BridgeFamilyStage;
import org.pkttables.io.bridge.BridgeStage;
import org.pkttables.l3.arp.impl.ArpHandler;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;
import org.pkttables.io.bridge.Fdb;
import org.pkttables.io.ports.Port;

/** The bridge's decisions for single frames, with ports that record what they would send. */
public class WorkerTest {
    private static final String A = "02:00:00:00:00:0a";
    private static final String B = "02:00:00:00:00:0b";
    private static final long NOW = 1_000_000_000_000L;

    /** A port that keeps copies of the frames sent on it. */
    public static final class Recorder extends Port {
        public final List<byte[]> sent = new ArrayList<>();

        public Recorder(int index, String name, int mtu) {
            super(index, name, mtu);
        }

        @Override
        public boolean send(byte[] frame, int len) {
            sent.add(Arrays.copyOf(frame, len));
            return true;
        }
    }

    private Harness h;
    private Recorder[] ports;
    private Worker w;

    @BeforeEach
    public void setUp() {
        h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new ArpHandler(), new TcpMatchType(),
                new UdpMatchType());
        ports = new Recorder[] {new Recorder(0, "p0", 1500), new Recorder(1, "p1", 1500), new Recorder(2, "p2", 1500)};
        w = new Worker(0, h.ruleset(), ports, 16);
        w.stage(new BridgeStage(w, h.ruleset(), ports, new Fdb(64, 300_000_000_000L), new BridgeFamilyStage.Calls()));
    }

    private void in(int port, byte[] f) {
        w.frame(f, f.length, port, NOW);
    }

    private int[] sentCounts() {
        return new int[] {ports[0].sent.size(), ports[1].sent.size(), ports[2].sent.size()};
    }

    @Test
    void unknownDestinationsFloodThenTheLearnedPortIsUsed() {
        in(0, Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac(A).dstMac(B).tcp(1000, 80).build());
        assertArrayEquals(new int[] {0, 1, 1}, sentCounts(), "B unknown: every other port");
        in(1, Frames.ipv4("10.0.0.2", "10.0.0.1").srcMac(B).dstMac(A).tcp(80, 1000).build());
        assertArrayEquals(new int[] {1, 1, 1}, sentCounts(), "A was learned on p0");
        in(0, Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac(A).dstMac(B).tcp(1000, 80).build());
        assertArrayEquals(new int[] {1, 2, 1}, sentCounts(), "B was learned on p1");
        in(0, Frames.ipv4("10.0.0.1", "10.0.0.3").srcMac(B).dstMac(A).tcp(1000, 80).build());
        assertEquals(1, w.counters.get(Worker.LOCAL), "destination on the arrival port: not forwarded");
        assertEquals(1, w.counters.get(Worker.FLOODED));
    }

    @Test
    void forwardRulesSeeBothInterfacesAndDropMeansNotForwarded() {
        assertEquals(0, h.sh("iptables -A FORWARD -i p0 -o p2 -j DROP").exit());
        assertEquals(0, h.sh("iptables -A FORWARD -p tcp --dport 80 -j DROP").exit());
        in(0, Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac(A).dstMac(B).udp(1000, 53).build());
        assertArrayEquals(new int[] {0, 1, 0}, sentCounts(), "the flood to p2 is dropped, p1 gets it");
        in(1, Frames.ipv4("10.0.0.2", "10.0.0.1").srcMac(B).dstMac(A).udp(53, 1000).build());
        in(0, Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac(A).dstMac(B).tcp(1000, 80).build());
        assertArrayEquals(new int[] {1, 1, 0}, sentCounts());
        String listed = h.sh("iptables -S FORWARD -v").out();
        assertTrue(listed.contains("-i p0 -o p2 -c 1 "), listed);
        assertTrue(listed.contains("--dport 80 -c 1 "), listed);
        assertEquals(2, w.counters.get(Worker.FILTERED));
        assertEquals(2, w.counters.get(Worker.drops(0)));
    }

    @Test
    void preroutingAndPostroutingRunToo() {
        assertEquals(0, h.sh("iptables -t mangle -A PREROUTING -i p1 -p udp -j DROP").exit());
        assertEquals(0, h.sh("iptables -t mangle -A POSTROUTING -o p2 -p tcp -j DROP").exit());
        in(1, Frames.ipv4("10.0.0.2", "10.0.0.1").srcMac(B).dstMac(A).udp(53, 1000).build());
        assertArrayEquals(new int[] {0, 0, 0}, sentCounts());
        in(0, Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac(A).dstMac(B).tcp(1000, 22).build());
        assertArrayEquals(new int[] {0, 1, 0}, sentCounts());
    }

    @Test
    void arpIsNotSubjectToTheIpv4Policy() {
        assertEquals(0, h.sh("iptables -P FORWARD DROP").exit());
        in(0, Frames.arpRequest(A, "10.0.0.1", "10.0.0.2"));
        assertArrayEquals(new int[] {0, 1, 1}, sentCounts());
        in(1, Frames.arpReply(B, "10.0.0.2", A, "10.0.0.1"));
        assertArrayEquals(new int[] {1, 1, 1}, sentCounts());
        assertEquals(2, w.counters.get(Worker.ARP));
        in(0, Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac(A).dstMac(B).tcp(1000, 80).build());
        assertArrayEquals(new int[] {1, 1, 1}, sentCounts(), "IPv4 obeys the FORWARD policy");
    }

    @Test
    void aPartialChecksumIsCompletedOnTheWayOut() {
        byte[] good = Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac(A).dstMac(B).tcp(1000, 80).payload("hello").build();
        byte[] partial = good.clone();
        int l4 = 14 + 20;
        long pseudo = Checksums.pseudo(partial, 14, true, 6, good.length - l4);
        int ps = Checksums.fold(pseudo);
        partial[l4 + 16] = (byte) (ps >>> 8);
        partial[l4 + 17] = (byte) ps;
        in(0, partial);
        assertArrayEquals(good, ports[1].sent.get(0));
        assertEquals(1, w.counters.get(Worker.CSUM_FIXED));
    }

    @Test
    void aWrongChecksumThatIsNotPartialIsLeftAlone() {
        byte[] bad = Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac(A).dstMac(B).udp(1000, 53).payload("x").build();
        bad[14 + 20 + 6] ^= 0x55;
        in(0, bad);
        assertArrayEquals(bad, ports[1].sent.get(0));
        assertEquals(0, w.counters.get(Worker.CSUM_FIXED));
    }

    @Test
    void anIpv4TcpSuperFrameIsCutIntoMtuSizedSegments() {
        superFrame(false);
    }

    @Test
    void anIpv6TcpSuperFrameIsCutIntoMtuSizedSegments() {
        superFrame(true);
    }

    private void superFrame(boolean v6) {
        byte[] payload = new byte[4000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7);
        }
        Frames.Packet pk = v6 ? Frames.ipv6("fd00::1", "fd00::2") : Frames.ipv4("10.0.0.1", "10.0.0.2");
        byte[] big = pk.srcMac(A).dstMac(B).tcp(1000, 80).flags(Frames.ACK | Frames.PSH | Frames.FIN)
                .seq(0xfffff000L).payload(payload).build();
        in(1, Frames.arpReply(B, "10.0.0.2", A, "10.0.0.1")); // B lives on p1: no flood
        in(0, big);
        List<byte[]> segs = ports[1].sent;
        int hdr = 14 + (v6 ? 40 : 20) + 20;
        assertEquals(3, segs.size(), "4000 bytes in 1460/1440-byte pieces");
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        long seq = 0xfffff000L;
        for (int i = 0; i < segs.size(); i++) {
            byte[] s = segs.get(i);
            assertTrue(s.length <= 1514, "segment " + i + " is " + s.length + " bytes");
            PacketContext p = new PacketContext(0).reset(s, 0, s.length);
            p.setL2(0);
            assertTrue(h.ruleset().parse(v6 ? Family.IPV6 : Family.IPV4, p, 14), "segment " + i + " parses");
            int l4 = p.l4Offset();
            assertEquals(seq, p.u32(l4 + 4), "sequence number of segment " + i);
            int flags = p.u8(l4 + 13);
            boolean last = i == segs.size() - 1;
            assertEquals(last ? 0x19 : 0x10, flags, "FIN/PSH only on the last segment");
            int l4len = Checksums.l4Length(p, !v6);
            assertEquals(0xffff, Checksums.fold(Checksums.pseudo(s, 14, !v6, 6, l4len) + Checksums.sum(s, l4, l4len)),
                    "TCP checksum of segment " + i);
            if (!v6) {
                assertEquals(0xffff, Checksums.fold(Checksums.sum(s, 14, 20)), "IPv4 header checksum");
            }
            joined.write(s, hdr, s.length - hdr);
            seq = (seq + s.length - hdr) & 0xffffffffL;
        }
        assertArrayEquals(payload, joined.toByteArray());
        assertEquals(1, w.counters.get(Worker.SEGMENTED));
        assertEquals(3, w.counters.get(Worker.SEGMENTS));
    }

    @Test
    void anOversizedUdpFrameIsDroppedAndCounted() {
        in(0, Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac(A).dstMac(B).udp(1000, 53).payload(new byte[3000]).build());
        assertArrayEquals(new int[] {0, 0, 0}, sentCounts());
        assertEquals(2, w.counters.get(Worker.OVERSIZED), "once per flooded port");
    }

    @Test
    void aMalformedIpv4HeaderIsDropped() {
        byte[] f = Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac(A).dstMac(B).udp(1000, 53).build();
        f[14] = 0x43; // IHL 3: shorter than the minimum header
        in(0, f);
        assertArrayEquals(new int[] {0, 0, 0}, sentCounts());
        assertEquals(1, w.counters.get(Worker.MALFORMED));
    }
}
