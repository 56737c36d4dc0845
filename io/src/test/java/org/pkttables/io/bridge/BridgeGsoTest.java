package org.pkttables.io.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.ext.Checksums;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.io.frames.VnetHeader;
import org.pkttables.io.ports.Port;
import org.pkttables.io.workers.FrameLoop;
import org.pkttables.io.workers.Worker;
import org.pkttables.io.workers.WorkerTest.Recorder;
import org.pkttables.l3.arp.impl.ArpHandler;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * A TCP super-frame (GRO on the input port) runs through the rules once and goes out whole behind a
 * virtio_net_hdr where the output port can send it so (GSO), cut into MTU-sized segments where it
 * cannot; either way without allocating per frame.
 */
class BridgeGsoTest {
    private static final long NOW = 1_000_000_000L;
    private static final String A = "02:00:00:00:00:0a";
    private static final String B = "02:00:00:00:00:0b";

    /** A port that takes super-frames whole and keeps what it was given. */
    static final class GsoPort extends Port {
        final List<byte[]> sent = new ArrayList<>();
        final List<byte[]> whole = new ArrayList<>();
        final List<byte[]> headers = new ArrayList<>();
        final boolean keep;
        long wholeCount;

        GsoPort(int index, String name, boolean keep) {
            super(index, name, 1500);
            this.keep = keep;
        }

        @Override
        public boolean gso() {
            return true;
        }

        @Override
        public boolean send(byte[] frame, int len) {
            if (keep) {
                sent.add(Arrays.copyOf(frame, len));
            }
            return true;
        }

        @Override
        public boolean sendGso(byte[] vnet, byte[] frame, int off, int len) {
            wholeCount++;
            if (keep) {
                headers.add(vnet.clone());
                whole.add(Arrays.copyOfRange(frame, off, off + len));
            }
            return true;
        }
    }

    private static Harness harness() {
        Harness h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new ArpHandler(), new TcpMatchType());
        assertEquals(0, h.sh("iptables -A FORWARD -p tcp --dport 80").exit());
        return h;
    }

    private static byte[] superFrame() {
        return Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac(A).dstMac(B).tcp(40000, 80).payload("x".repeat(6000))
                .build();
    }

    private static Worker bridge(Harness h, Port[] ports) {
        Worker w = new Worker(0, h.ruleset(), ports, 16);
        w.stage(new BridgeStage(w, h.ruleset(), ports, new Fdb(64, 300_000_000_000L), new BridgeFamilyStage.Calls()));
        // both MACs learnt
        byte[] fromB = Frames.ipv4("10.0.0.2", "10.0.0.1").srcMac(B).dstMac(A).tcp(80, 40000).payload("ok").build();
        w.frame(fromB, fromB.length, 1, NOW);
        return w;
    }

    @Test
    void aSuperFrameGoesOutWholeWithItsHeaderAndIsCountedOnce() {
        Harness h = harness();
        GsoPort[] ports = {new GsoPort(0, "p0", true), new GsoPort(1, "p1", true)};
        Worker w = bridge(h, ports);
        byte[] f = superFrame();
        int full = ((f[50] & 0xff) << 8) | (f[51] & 0xff);
        w.frame(f.clone(), f.length, 0, NOW);
        assertEquals(1, ports[1].whole.size(), "sent whole");
        byte[] out = ports[1].whole.get(0);
        assertEquals(f.length, out.length);
        byte[] hdr = ports[1].headers.get(0);
        // NEEDS_CSUM, TCPV4, hdr_len 54, gso_size 1460 (1500 - 20 - 20), csum_start 34, csum_offset 16
        assertArrayEquals(new byte[] {1, 1, 54, 0, (byte) 0xb4, 0x05, 34, 0, 16, 0}, hdr);
        int completed = ~Checksums.fold(Checksums.sum(out, 34, out.length - 34)) & 0xffff;
        assertEquals(full, completed, "the kernel's completion gives the frame's full checksum back");
        assertEquals(1, w.counters.get(Worker.GSO));
        assertEquals(1, h.sh("iptables -L FORWARD -v -n -x").out().lines().filter(l -> l.trim().startsWith("1 "))
                .count(), "the rule saw the super-frame once: " + h.sh("iptables -L FORWARD -v -n -x").out());
    }

    @Test
    void withoutGsoTheSuperFrameIsCutIntoSegments() {
        Harness h = harness();
        Recorder[] ports = {new Recorder(0, "p0", 1500), new Recorder(1, "p1", 1500)};
        Worker w = bridge(h, ports);
        byte[] f = superFrame();
        w.frame(f, f.length, 0, NOW);
        assertEquals(5, ports[1].sent.size(), "6000 bytes in segments of 1460");
        assertTrue(ports[1].sent.stream().allMatch(s -> s.length <= 1514));
        assertEquals(0, w.counters.get(Worker.GSO));
    }

    @Test
    void sendingSuperFramesWholeAllocatesNothing() {
        Harness h = harness();
        GsoPort[] ports = {new GsoPort(0, "p0", false), new GsoPort(1, "p1", false)};
        Worker w = bridge(h, ports);
        FrameLoop loop = new FrameLoop(new byte[][] {superFrame()}, new int[] {0});
        FrameLoop.Path path = w::frame;
        loop.run(path, 20_000, NOW);
        long before = loop.allocated();
        long sentBefore = ports[1].wholeCount;
        int n = 50_000;
        loop.run(path, n, NOW);
        long bytes = loop.allocated() - before;
        assertEquals(n, ports[1].wholeCount - sentBefore, "every super-frame sent whole");
        assertTrue(bytes < n / 100, bytes + " bytes allocated over " + n + " super-frames");
    }
}
