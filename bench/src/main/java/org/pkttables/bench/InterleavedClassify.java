package org.pkttables.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.tables.testing.Harness;

/**
 * Classification rates for ratios on a loaded machine: the forms and sizes given load side by side in
 * one JVM and take turns in short slices (20,000 packets each) until each has had the given CPU seconds;
 * each rate is packets per second of this thread's CPU time, so other processes taking the core away
 * weigh on none of them, and a load that changes during the run weighs on all of them alike. Not the
 * JMH figure (one fork per configuration, wall clock): for comparing configurations within one run.
 *
 * <p>{@code java -cp ... org.pkttables.bench.InterleavedClassify [seconds] form:rules ...}, form as in
 * {@link ClassifyBenchmark} ({@code classbench}, {@code classbench6}, {@code kernel}), e.g.
 * {@code 20 classbench:10 classbench:100000 classbench6:10 classbench6:100000}.
 */
public final class InterleavedClassify {
    private static final int SLICE = 20_000;

    private InterleavedClassify() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: InterleavedClassify SECONDS FORM:RULES...");
            System.exit(2);
        }
        double seconds = Double.parseDouble(args[0]);
        int n = args.length - 1;
        Harness[] h = new Harness[n];
        byte[][][] frames = new byte[n][][];
        Family[] family = new Family[n];
        for (int i = 0; i < n; i++) {
            String[] fr = args[i + 1].split(":");
            if (fr.length != 2) {
                throw new IllegalArgumentException("argument " + (i + 2) + " \"" + args[i + 1] + "\" is not FORM:RULES");
            }
            int rules = Integer.parseInt(fr[1]);
            h[i] = ClassifyBenchmark.load(fr[0], rules);
            frames[i] = ClassifyBenchmark.trace(fr[0], rules);
            family[i] = "classbench6".equals(fr[0]) ? Family.IPV6 : Family.IPV4;
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] packets = new long[n];
        long[] cpu = new long[n];
        int sink = 0;
        // Warm-up (JIT) rounds, then the measured ones.
        for (int phase = 0; phase < 2; phase++) {
            java.util.Arrays.fill(packets, 0);
            java.util.Arrays.fill(cpu, 0);
            long budget = (long) ((phase == 0 ? Math.max(2, seconds / 4) : seconds) * 1e9);
            boolean done = false;
            while (!done) {
                done = true;
                for (int i = 0; i < n; i++) {
                    if (cpu[i] >= budget) {
                        continue;
                    }
                    done = false;
                    byte[][] f = frames[i];
                    long t0 = mx.getCurrentThreadCpuTime();
                    for (int k = 0; k < SLICE; k++) {
                        sink += h[i].inject(family[i], Hook.FORWARD, f[k & (ClassifyBenchmark.TRACE - 1)], "eth0", "eth1");
                    }
                    cpu[i] += mx.getCurrentThreadCpuTime() - t0;
                    packets[i] += SLICE;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            System.out.printf(Locale.ROOT, "%-20s %,12.0f packets per CPU second (%,d packets)%n", args[i + 1],
                    packets[i] / (cpu[i] / 1e9), packets[i]);
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
