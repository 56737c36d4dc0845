package org.pkttables.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.conntrack.impl.PacketTuple;
import org.pkttables.tables.testing.Frames;

/**
 * Conntrack on a 1M-entry table (issue 4 acceptance 2): a lock-free lookup of an existing flow, and the
 * whole packet path for an existing flow (lookup under the stripe lock, UDP tracker, counters). The table
 * is filled through the packet path itself (track + confirm). {@link #main} prints heap bytes per entry.
 * Run: java -cp "target/classes:$(cat target/classpath.txt)" org.openjdk.jmh.Main ConntrackBenchmark
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConntrackBenchmark {
    static final int ENTRIES = 1_000_000;
    ConntrackEngine engine;
    final PacketTuple scratch = new PacketTuple();
    final PacketContext ctx = new PacketContext(0);
    byte[] frame;
    int i;

    /** A UDP flow per index: 10.x.y.z:1024+k -> 192.0.2.1:53. */
    static void setFlow(byte[] f, int n) {
        int src = 0x0a000000 | (n & 0xffffff);
        f[26] = (byte) (src >>> 24);
        f[27] = (byte) (src >>> 16);
        f[28] = (byte) (src >>> 8);
        f[29] = (byte) src;
        int port = 1024 + (n >>> 24);
        f[34] = (byte) (port >>> 8);
        f[35] = (byte) port;
    }

    static ConntrackEngine fill(int entries) {
        ConntrackEngine e = new ConntrackEngine(entries + entries / 16);
        byte[] f = Frames.ipv4("10.0.0.1", "192.0.2.1").udp(1024, 53).payload("x").build();
        PacketContext p = new PacketContext(0);
        for (int n = 0; n < entries; n++) {
            setFlow(f, n);
            prepare(p, f, Hook.PREROUTING);
            e.track(p);
            p.setHook(Hook.INPUT);
            e.confirm(p);
        }
        if (e.count() != entries) {
            throw new IllegalStateException("filled " + e.count() + " of " + entries);
        }
        return e;
    }

    static void prepare(PacketContext p, byte[] f, Hook hook) {
        p.reset(f, 0, f.length);
        p.setL2(0);
        p.setFamily(Family.IPV4);
        p.setHook(hook);
        p.setL3(14, 0x0800);
        p.setL4(34, 17);
    }

    @Setup(Level.Trial)
    public void setUp() {
        engine = fill(ENTRIES);
        frame = Frames.ipv4("10.0.0.1", "192.0.2.1").udp(1024, 53).payload("x").build();
    }

    @Benchmark
    public int lookupLockFree() {
        int n = (i = (i + 7919) % ENTRIES);
        long src = 0x0a000000L | (n & 0xffffff);
        return engine.find(false, 17, 0, src, 0, 0xc0000201L, 1024, 53, scratch);
    }

    @Benchmark
    public int packetPathExistingFlow() {
        int n = (i = (i + 7919) % ENTRIES);
        setFlow(frame, n);
        prepare(ctx, frame, Hook.PREROUTING);
        engine.track(ctx);
        return ((org.pkttables.conntrack.PacketConntrack) ctx.conntrack()).state();
    }

    /** Heap bytes per entry: used heap after GC with a filled 1M table, minus before, over entries. */
    public static void main(String[] args) {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        ConntrackEngine e = fill(ENTRIES);
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        int n = e.delete(org.pkttables.conntrack.ConntrackFilter.ALL.withProtocol(17));
        long t1 = System.nanoTime();
        System.out.printf("entries=%d heap=%d bytes, %.1f bytes/entry (capacity %d incl. 1/16 headroom); "
                + "selective flush of %d entries: %.1f ms%n", ENTRIES, after - before,
                (after - before) / (double) ENTRIES, e.max(), n, (t1 - t0) / 1e6);
    }
}
