package org.pkttables.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.conntrack.ConntrackFilter;
import org.pkttables.conntrack.CtStatus;
import org.pkttables.conntrack.PacketConntrack;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.conntrack.impl.PacketTuple;
import org.pkttables.conntrack.impl.TupleHash;
import org.pkttables.tables.testing.Frames;

/**
 * Conntrack on a 1M-entry table (issue 4 acceptance 2). {@link #lookup}: a lock-free lookup of an existing
 * flow, for three tuple sets ({@link #set}): {@code random} (random addresses and ports), {@code
 * sequential} (10.0.0.0 upwards, one destination: flows differing only in low address bits) and {@code
 * adversarial} (tuples crafted to fall into 1/64 of the buckets under a hash key the attacker knows, see
 * {@link #adversarial}), each on a table keyed with a random seed as in production; {@code
 * adversarialKnownKey} puts the same set into a table keyed with the attacker's key, to show what the key
 * prevents. Lookups follow a shuffled order of the inserted flows, so the table is read at random.
 * {@link #packetPathExistingFlow}: the whole packet path for an existing flow (stripe lock, UDP tracker,
 * counters). {@link #main} prints heap bytes per entry, the selective flush time and bucket distributions.
 * Run: bench/run.sh ConntrackBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s; java -cp ... ConntrackBenchmark (main)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConntrackBenchmark {
    static final int ENTRIES = 1_000_000;
    /** The table's maximum: the entries plus 1/16 headroom, as an operator would size nf_conntrack_max. */
    static final int MAX = ENTRIES + ENTRIES / 16;
    /** The key an attacker is assumed to know (an unkeyed hash is a hash with a public key). */
    static final long KNOWN_KEY = 0;
    static final int DST = 0xc0000201; // 192.0.2.1
    static final int UDP = 17;

    @Param({ "random", "sequential", "adversarial", "adversarialKnownKey" })
    public String set;

    ConntrackEngine engine;
    final PacketTuple scratch = new PacketTuple();
    final PacketContext ctx = new PacketContext(0);
    byte[] frame;
    /** Lookup order: addresses (src << 32 | dst) and ports (sport << 16 | dport), a shuffle of the set. */
    long[] addrs;
    int[] ports;
    int i;

    /** A set of UDP flows as (src << 32 | dst, sport << 16 | dport) arrays. */
    record Flows(long[] addrs, int[] ports) {
        int size() {
            return addrs.length;
        }

        Flows shuffled(long seed) {
            long[] a = addrs.clone();
            int[] p = ports.clone();
            SplittableRandom r = new SplittableRandom(seed);
            for (int k = a.length - 1; k > 0; k--) {
                int j = r.nextInt(k + 1);
                long ta = a[k];
                a[k] = a[j];
                a[j] = ta;
                int tp = p[k];
                p[k] = p[j];
                p[j] = tp;
            }
            return new Flows(a, p);
        }
    }

    static Flows flows(String set, int n) {
        switch (set) {
            case "random":
                return random(n);
            case "sequential":
                return sequential(n);
            case "adversarial":
            case "adversarialKnownKey":
                return adversarial(n, MAX);
            default:
                throw new IllegalArgumentException("unknown tuple set " + set);
        }
    }

    /** 10.x.y.z:1024+k -> 192.0.2.1:53, n-th flow at 10.0.0.0 + n (port above 2^24 flows). */
    static Flows sequential(int n) {
        long[] a = new long[n];
        int[] p = new int[n];
        for (int k = 0; k < n; k++) {
            int src = 0x0a000000 | (k & 0xffffff);
            a[k] = ((long) src << 32) | (DST & 0xffffffffL);
            p[k] = ((1024 + (k >>> 24)) << 16) | 53;
        }
        return new Flows(a, p);
    }

    /** Random distinct flows: random addresses in 10/8 and 172.16/12, random ports. */
    static Flows random(int n) {
        SplittableRandom r = new SplittableRandom(42);
        java.util.HashSet<Long> seen = new java.util.HashSet<>();
        long[] a = new long[n];
        int[] p = new int[n];
        for (int k = 0; k < n;) {
            int src = 0x0a000000 | r.nextInt(1 << 24);
            int dst = 0xac100000 | r.nextInt(1 << 20);
            int sp = 1024 + r.nextInt(64512);
            int dp = 1 + r.nextInt(65535);
            if (seen.add(((long) src << 32 | (dst & 0xffffffffL)) * 31 + ((long) sp << 16 | dp))) {
                a[k] = ((long) src << 32) | (dst & 0xffffffffL);
                p[k++] = (sp << 16) | dp;
            }
        }
        return new Flows(a, p);
    }

    /**
     * Tuples crafted against a known key: one destination (192.0.2.1:53), sources from 10/8 with every
     * source port, kept only when the hash under {@link #KNOWN_KEY} puts them into the first 1/64 of the
     * buckets of a table of {@code max} entries, so a table with that key has chains ~32 long. A table with
     * its own random key spreads them like any other set.
     */
    static Flows adversarial(int n, int max) {
        TupleHash known = new TupleHash(KNOWN_KEY);
        int buckets = Integer.highestOneBit(Math.max(16, max - 1) << 1);
        int mask = buckets - 1;
        int target = buckets / 64;
        long[] a = new long[n];
        int[] p = new int[n];
        int k = 0;
        for (int src = 0x0a000000; k < n; src++) {
            for (int sp = 1024; sp < 65536 && k < n; sp++) {
                if ((known.hashIpv4(UDP, src, DST, sp, 53) & mask) < target) {
                    a[k] = ((long) src << 32) | (DST & 0xffffffffL);
                    p[k++] = (sp << 16) | 53;
                }
            }
        }
        return new Flows(a, p);
    }

    static ConntrackEngine engine(String set, int max) {
        return "adversarialKnownKey".equals(set) ? new ConntrackEngine(max, KNOWN_KEY, System::currentTimeMillis)
                : new ConntrackEngine(max);
    }

    static void setFlow(byte[] f, long addr, int ports) {
        int src = (int) (addr >>> 32);
        int dst = (int) addr;
        for (int k = 0; k < 4; k++) {
            f[26 + k] = (byte) (src >>> (24 - 8 * k));
            f[30 + k] = (byte) (dst >>> (24 - 8 * k));
        }
        f[34] = (byte) (ports >>> 24);
        f[35] = (byte) (ports >>> 16);
        f[36] = (byte) (ports >>> 8);
        f[37] = (byte) ports;
    }

    /** Fills the table through the packet path itself (track + confirm), as traffic would. */
    static void fill(ConntrackEngine e, Flows flows) {
        byte[] f = Frames.ipv4("10.0.0.1", "192.0.2.1").udp(1024, 53).payload("x").build();
        PacketContext p = new PacketContext(0);
        int before = e.count();
        for (int n = 0; n < flows.size(); n++) {
            setFlow(f, flows.addrs[n], flows.ports[n]);
            prepare(p, f, Hook.PREROUTING);
            e.track(p);
            p.setHook(Hook.INPUT);
            e.confirm(p);
        }
        if (e.count() - before != flows.size()) {
            throw new IllegalStateException("filled " + (e.count() - before) + " of " + flows.size());
        }
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
        Flows flows = flows(set, ENTRIES);
        engine = engine(set, MAX);
        fill(engine, flows);
        Flows order = flows.shuffled(7);
        addrs = order.addrs;
        ports = order.ports;
        frame = Frames.ipv4("10.0.0.1", "192.0.2.1").udp(1024, 53).payload("x").build();
    }

    @Benchmark
    public int lookup() {
        int n = i;
        i = n + 1 == ENTRIES ? 0 : n + 1;
        long a = addrs[n];
        int p = ports[n];
        return engine.find(false, UDP, 0, a >>> 32, 0, a & 0xffffffffL, p >>> 16, p & 0xffff, scratch);
    }

    @Benchmark
    public int packetPathExistingFlow() {
        int n = i;
        i = n + 1 == ENTRIES ? 0 : n + 1;
        setFlow(frame, addrs[n], ports[n]);
        prepare(ctx, frame, Hook.PREROUTING);
        engine.track(ctx);
        return ((PacketConntrack) ctx.conntrack()).state();
    }

    static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static long usedHeap() {
        for (int k = 0; k < 3; k++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Heap bytes per entry (used heap after full GCs with the filled table, minus before, over the entries:
     * everything the table costs, including the headroom, bucket heads and the GC's region rounding), the
     * selective flush of every UNREPLIED UDP entry (median of 5 fills), lookups per set, and chain-length
     * distributions. Times are given in wall-clock and in this thread's CPU time: on a shared machine the
     * CPU time leaves out the time other processes had the core (not their cache pollution).
     */
    public static void main(String[] args) {
        Flows seq = sequential(ENTRIES);
        long before = usedHeap();
        ConntrackEngine e = new ConntrackEngine(MAX);
        fill(e, seq);
        long after = usedHeap();
        System.out.printf("heap: %d entries (max %d, %d buckets): %.1f MB, %.1f bytes/entry (%s)%n", ENTRIES, MAX,
                e.buckets(), (after - before) / 1e6, (after - before) / (double) ENTRIES,
                ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());
        ConntrackFilter unrepliedUdp = ConntrackFilter.ALL.withProtocol(UDP).withStatus(0, CtStatus.SEEN_REPLY);
        double[] ms = new double[Integer.getInteger("flushRuns", 5)];
        double[] cpu = new double[ms.length];
        for (int r = 0; r < ms.length; r++) {
            if (r > 0) {
                fill(e, seq);
            }
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            int n = e.delete(unrepliedUdp);
            ms[r] = (System.nanoTime() - t0) / 1e6;
            cpu[r] = (cpuNanos() - c0) / 1e6;
            if (n != ENTRIES) {
                throw new IllegalStateException("flushed " + n + " of " + ENTRIES);
            }
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.printf("selective flush (-p udp --status UNREPLIED) of %d entries: wall median %.1f ms (min %.1f, "
                + "max %.1f); CPU median %.1f ms (min %.1f)%n", ENTRIES, ms[ms.length / 2], ms[0], ms[ms.length - 1],
                cpu[cpu.length / 2], cpu[0]);
        e = null;
        for (String set : new String[] { "random", "sequential", "adversarial", "adversarialKnownKey" }) {
            ConntrackEngine t = engine(set, MAX);
            Flows flows = flows(set, ENTRIES);
            fill(t, flows);
            System.out.println("chains " + set + ": " + distribution(t.chainLengthHistogram(40)));
            Flows order = flows.shuffled(7);
            PacketTuple scratch = new PacketTuple();
            double bestCpu = 0;
            double bestWall = 0;
            long found = 0;
            for (int round = 0; round < 6; round++) {
                long c0 = cpuNanos();
                long w0 = System.nanoTime();
                for (int n = 0; n < ENTRIES; n++) {
                    long a = order.addrs[n];
                    int p = order.ports[n];
                    found += t.find(false, UDP, 0, a >>> 32, 0, a & 0xffffffffL, p >>> 16, p & 0xffff, scratch) >= 0 ? 1 : 0;
                }
                bestCpu = Math.max(bestCpu, ENTRIES / ((cpuNanos() - c0) / 1e9));
                bestWall = Math.max(bestWall, ENTRIES / ((System.nanoTime() - w0) / 1e9));
            }
            if (found != 6L * ENTRIES) {
                throw new IllegalStateException("found " + found + " of " + 6L * ENTRIES);
            }
            System.out.printf("lookups %s: best of 6 x 1M: %.2f M/s of CPU time, %.2f M/s wall%n", set, bestCpu / 1e6,
                    bestWall / 1e6);
            t = null;
            usedHeap();
        }
    }

    /** "len:buckets" pairs of the non-empty lengths, and the longest. */
    static String distribution(long[] h) {
        StringBuilder b = new StringBuilder();
        int longest = 0;
        for (int len = 0; len < h.length; len++) {
            if (h[len] > 0) {
                b.append(len == h.length - 1 ? ">=" : "").append(len).append(':').append(h[len]).append(' ');
                longest = len;
            }
        }
        return b.append("(longest ").append(longest == h.length - 1 ? ">=" : "").append(longest).append(')').toString();
    }
}
