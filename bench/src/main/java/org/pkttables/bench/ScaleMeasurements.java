package org.pkttables.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.tables.testing.Harness;

/**
 * The figures that are one-shot operations rather than a hot loop, so wall-clock timing (best or median
 * of several runs after warm-up) fits them better than JMH: restore time, one insert into a big table,
 * heap per rule, allocation per packet.
 */
public final class ScaleMeasurements {
    private ScaleMeasurements() {
    }

    /** Milliseconds to restore the gen_load form of {@code rules} rules into a fresh core (median). */
    public static double restoreMs(int rules, int runs) {
        String text = KernelForms.load(rules);
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            Harness h = Rulesets.harness();
            long t0 = System.nanoTime();
            CommandFrontend.Result r = h.withInput(text, "iptables-restore");
            ms[i] = (System.nanoTime() - t0) / 1e6;
            check(r, "restore of " + rules + " rules");
        }
        return median(ms);
    }

    /**
     * Microseconds for one {@code iptables CHAIN-OPTION -s 203.0.113.x -j DROP} (parse, compile, commit)
     * into a core holding {@code table}, over {@code runs} in a row after as many warm-up inserts:
     * median, 99th percentile and maximum.
     */
    public static double[] insertUs(Harness table, String chainOption, int runs) {
        for (int i = 0; i < runs; i++) {
            check(table.sh("iptables " + chainOption + " -s 198.51.100." + (i & 255) + " -j DROP"), "warm-up insert");
        }
        String[] cmds = new String[runs];
        for (int i = 0; i < runs; i++) {
            cmds[i] = "iptables " + chainOption + " -s 203.0.113." + (i & 255) + " -j DROP";
        }
        return timed(table, cmds);
    }

    /**
     * Runs the commands in a row, timing each: median, p99 and max of wall-clock microseconds, then
     * the same of this thread's CPU time (what the edit itself costs, without the waits for a core
     * and the GC pauses a loaded machine adds to the wall clock), then milliseconds spent in GC.
     */
    private static double[] timed(Harness table, String[] cmds) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] us = new double[cmds.length];
        double[] cpu = new double[cmds.length];
        long gc0 = gcMs();
        for (int i = 0; i < cmds.length; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            CommandFrontend.Result r = table.sh(cmds[i]);
            us[i] = (System.nanoTime() - t0) / 1e3;
            cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e3;
            check(r, cmds[i]);
        }
        double[] w = stats(us);
        double[] c = stats(cpu);
        return new double[] { w[0], w[1], w[2], c[0], c[1], c[2], gcMs() - gc0 };
    }

    private static long gcMs() {
        long t = 0;
        for (java.lang.management.GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, g.getCollectionTime());
        }
        return t;
    }

    /** Median, 99th percentile and maximum. */
    static double[] stats(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return new double[] { s[s.length / 2], s[(int) Math.ceil(s.length * 0.99) - 1], s[s.length - 1] };
    }

    /**
     * Microseconds per edit over {@code ops} consecutive single-rule edits (after as many warm-up
     * edits): alternately {@code -I CHAIN POS} of a new rule and {@code -D CHAIN POS}, at pseudo-random
     * positions within the first 1,000 of a random chain of {@code chains} (each edit parses, compiles,
     * patches the chain's classifier and commits; background rebuilds run as they would in the
     * appliance). Returns median, 99th percentile and maximum.
     */
    public static double[] editUs(Harness table, String[] chains, int ops) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
        for (int i = 0; i < ops; i++) {
            check(table.sh(edit(rnd, chains, i)), "warm-up edit");
        }
        String[] cmds = new String[ops];
        for (int i = 0; i < ops; i++) {
            cmds[i] = edit(rnd, chains, i);
        }
        return timed(table, cmds);
    }

    private static String edit(java.util.SplittableRandom rnd, String[] chains, int i) {
        String chain = chains[rnd.nextInt(chains.length)];
        // Chains of the gen_load form hold 100 rules: positions 1..50 exist in all of them.
        int pos = 1 + rnd.nextInt(chains.length == 1 ? 1000 : 50);
        return (i & 1) == 0 ? "iptables -I " + chain + " " + pos + " -s 203.0.113." + (i & 255) + " -p tcp --dport "
                + (1 + (i & 1023)) + " -j DROP" : "iptables -D " + chain + " " + pos;
    }

    public static Harness loaded(String text) {
        Harness h = Rulesets.harness();
        check(h.withInput(text, "iptables-restore"), "restore");
        return h;
    }

    /** Heap bytes per rule of the gen_load form of {@code rules} rules (retained after GC). */
    public static double bytesPerRule(int rules) {
        String text = KernelForms.load(rules);
        long before = usedAfterGc();
        Harness h = loaded(text);
        long after = usedAfterGc();
        double perRule = (after - before) / (double) (rules + 1000);
        // Keep the ruleset reachable until after the measurement.
        if (h.ruleset().generation() < 0) {
            throw new IllegalStateException();
        }
        return perRule;
    }

    /** Bytes allocated per packet on the classifier path through a ClassBench chain of {@code rules}. */
    public static double allocPerPacket(int rules, int packets) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Harness h = ClassifyBenchmark.load("classbench", rules);
        byte[][] frames = ClassifyBenchmark.trace("classbench", rules);
        int mask = frames.length - 1;
        for (int i = 0; i < packets; i++) {
            h.inject(Family.IPV4, Hook.FORWARD, frames[i & mask], "eth0", "eth1");
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < packets; i++) {
            h.inject(Family.IPV4, Hook.FORWARD, frames[i & mask], "eth0", "eth1");
        }
        return (mx.getThreadAllocatedBytes(tid) - before) / (double) packets;
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void check(CommandFrontend.Result r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException(what + " failed: " + r.err());
        }
    }
}
