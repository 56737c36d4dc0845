package org.pkttables.bench;

import com.fasterxml.jackson.jr.ob.JSON;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.pkttables.tables.testing.Harness;

/**
 * The benchmark suite's one entry point ({@code bin/pkttables bench [--quick]}): classification
 * throughput through the classifier and the linear reference (JMH, one core), restore times, one
 * insert into 100k rules, heap per rule and allocation per packet. Prints what it measures as it goes,
 * and the JSON summary as the last line.
 */
public final class BenchMain {
    private static final int[] SIZES = { 10, 1000, 10000, 100000 };

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = false;
        boolean skipJmh = false;
        for (String a : args) {
            switch (a) {
                case "--quick": quick = true; break;
                case "--no-jmh": skipJmh = true; break;
                default:
                    System.err.println("usage: bench [--quick] [--no-jmh]");
                    System.exit(2);
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Double> classify = new LinkedHashMap<>();
        Map<String, Double> linear = new LinkedHashMap<>();
        Map<String, Double> kernelClassify = new LinkedHashMap<>();
        Map<String, Double> kernelLinear = new LinkedHashMap<>();
        Map<String, Double> v6Classify = new LinkedHashMap<>();
        Map<String, Double> v6Linear = new LinkedHashMap<>();
        if (!skipJmh) {
            for (RunResult r : classification(quick)) {
                String n = r.getParams().getParam("rules");
                boolean lin = "linear".equals(r.getParams().getParam("path"));
                String form = r.getParams().getParam("form");
                double pps = r.getPrimaryResult().getScore();
                if ("kernel".equals(form)) {
                    (lin ? kernelLinear : kernelClassify).put(n, pps);
                } else if ("classbench6".equals(form)) {
                    (lin ? v6Linear : v6Classify).put(n, pps);
                } else {
                    (lin ? linear : classify).put(n, pps);
                }
            }
        }
        json.put("classify_pps", sorted(classify));
        json.put("linear_pps", sorted(linear));
        json.put("kernel_form_classify_pps", sorted(kernelClassify));
        json.put("kernel_form_linear_pps", sorted(kernelLinear));
        json.put("ipv6_classify_pps", sorted(v6Classify));
        json.put("ipv6_linear_pps", sorted(v6Linear));

        // Warm the restore path up (JIT) before timing it.
        ScaleMeasurements.restoreMs(10000, quick ? 3 : 5);
        Map<String, Double> restore = new LinkedHashMap<>();
        for (int n : new int[] { 10000, 100000, 1000000 }) {
            double ms = ScaleMeasurements.restoreMs(n, n >= 1000000 ? 1 : quick ? 3 : 5);
            restore.put(Integer.toString(n), round(ms));
            System.out.printf(Locale.ROOT, "restore %,d rules in 1,000 chains (gen_load form): %.1f ms%n", n, ms);
        }
        json.put("restore_ms", restore);
        kernelRestore(json, quick ? 3 : 5);

        // One insert into 100k rules: median, p99 and max over many in a row (background rebuilds of the
        // chains' classifiers run meanwhile, as in the appliance), then mixed -I/-D edits.
        int ops = quick ? 1000 : 4000;
        Harness big = ScaleMeasurements.loaded(KernelForms.load(100000));
        double[] insert = ScaleMeasurements.insertUs(big, "-A FORWARD", ops);
        report(ops, "inserts on top of 100k rules in 1,000 chains (-A FORWARD)", insert);
        putInserts(json, "insert_into_100k", insert);
        double[] e = ScaleMeasurements.editUs(big, KernelForms.chainNames(), ops);
        report(ops, "single-rule edits (-I/-D, random chains) in 100k rules in 1,000 chains", e);
        json.put("edit_100k_in_1k_chains_us", stats(e));
        big = null;
        Harness oneChain = ScaleMeasurements.loaded(ClassBench.restore(ClassBench.rules(100000, 7)));
        double[] one = ScaleMeasurements.insertUs(oneChain, "-I FORWARD 1", ops);
        report(ops, "inserts at the head of a 100k-rule chain (-I FORWARD 1)", one);
        putInserts(json, "insert_into_100k_one_chain", one);
        double[] o = ScaleMeasurements.editUs(oneChain, new String[] { "FORWARD" }, ops);
        report(ops, "single-rule edits (-I/-D) in one 100k-rule chain", o);
        json.put("edit_100k_one_chain_us", stats(o));
        oneChain = null;

        double bpr = ScaleMeasurements.bytesPerRule(100000);
        System.out.printf(Locale.ROOT, "heap per rule (gen_load form, 100k rules): %.0f bytes%n", bpr);
        json.put("bytes_per_rule", round(bpr));
        double alloc = ScaleMeasurements.allocPerPacket(100000, quick ? 500_000 : 2_000_000);
        System.out.printf(Locale.ROOT, "allocation per packet (classifier, 100k ClassBench rules): %.4f bytes%n", alloc);
        json.put("alloc_bytes_per_packet", Math.round(alloc * 10000) / 10000.0);
        json.put("quick", quick);
        System.out.println(toJson(json));
    }

    /**
     * iptables-nft-restore and iptables-legacy-restore of the same files, and pkttables' ratio to them.
     * The three restores take turns ({@code runs} rounds, medians), so a machine whose load changes
     * during the run weighs on all of them alike; pkttables' figure here is that interleaved median.
     */
    private static void kernelRestore(Map<String, Object> json, int runs) {
        String why = KernelRestore.unavailable();
        if (why != null) {
            System.out.println("kernel restore comparison skipped: " + why);
            return;
        }
        Map<String, Double> ours = new LinkedHashMap<>();
        Map<String, Double> nft = new LinkedHashMap<>();
        Map<String, Double> legacy = new LinkedHashMap<>();
        Map<String, Double> ratio = new LinkedHashMap<>();
        Map<String, Double> legacyRatio = new LinkedHashMap<>();
        for (int n : new int[] { 10000, 100000 }) {
            double[] p = new double[runs];
            double[] a = new double[runs];
            double[] b = new double[runs];
            try {
                for (int i = 0; i < runs; i++) {
                    p[i] = ScaleMeasurements.restoreMs(n, 1);
                    a[i] = KernelRestore.restoreMs("iptables-restore", n);
                    b[i] = KernelRestore.restoreMs("iptables-legacy-restore", n);
                }
            } catch (java.io.IOException e) {
                System.out.println("kernel restore comparison failed: " + e.getMessage());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            double pm = ScaleMeasurements.median(p);
            double am = ScaleMeasurements.median(a);
            double bm = ScaleMeasurements.median(b);
            String k = Integer.toString(n);
            ours.put(k, round(pm));
            nft.put(k, round(am));
            legacy.put(k, round(bm));
            ratio.put(k, Math.round(am / pm * 100) / 100.0);
            legacyRatio.put(k, Math.round(bm / pm * 100) / 100.0);
            System.out.printf(Locale.ROOT, "restore %,d rules, taking turns (median of %d): pkttables %.1f ms, "
                    + "iptables-nft-restore %.1f ms, iptables-legacy-restore %.1f ms%n", n, runs, pm, am, bm);
        }
        json.put("restore_beside_kernel_ms", ours);
        json.put("kernel_restore_ms", nft);
        json.put("kernel_legacy_restore_ms", legacy);
        json.put("nft_restore_over_pkttables", ratio);
        json.put("legacy_restore_over_pkttables", legacyRatio);
    }

    private static Collection<RunResult> classification(boolean quick) throws RunnerException {
        ChainedOptionsBuilder o = new OptionsBuilder().include(ClassifyBenchmark.class.getName() + ".classify")
                .forks(1).threads(1).timeUnit(TimeUnit.SECONDS)
                .warmupIterations(quick ? 2 : 3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 5).measurementTime(TimeValue.seconds(1));
        return new Runner(o.build()).run();
    }

    private static Map<String, Double> sorted(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int n : SIZES) {
            Double v = m.get(Integer.toString(n));
            if (v != null) {
                out.put(Integer.toString(n), (double) Math.round(v));
            }
        }
        return out;
    }

    private static void report(int ops, String what, double[] v) {
        System.out.printf(Locale.ROOT, "%,d %s: median %.1f us, p99 %.1f us, max %.1f us (thread CPU: %.1f / %.1f / %.1f"
                + " us; GC %.0f ms during the series)%n", ops, what, v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    /** Wall-clock median/p99/max, the same in thread CPU time, and GC milliseconds during the series. */
    /** Insert times: median, p99 and max as KEY_us, KEY_p99_us, KEY_max_us; all the stats as KEY_detail_us. */
    private static void putInserts(Map<String, Object> json, String key, double[] us) {
        json.put(key + "_us", round(us[0]));
        json.put(key + "_p99_us", round(us[1]));
        json.put(key + "_max_us", round(us[2]));
        json.put(key + "_detail_us", stats(us));
    }

    private static Map<String, Object> stats(double[] v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", round(v[0]));
        m.put("p99", round(v[1]));
        m.put("max", round(v[2]));
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("median", round(v[3]));
        cpu.put("p99", round(v[4]));
        cpu.put("max", round(v[5]));
        m.put("cpu", cpu);
        m.put("gc_ms", round(v[6]));
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** The summary's JSON (maps, numbers and booleans), one line; whole numbers written without ".0". */
    static String toJson(Object o) {
        try {
            return JSON.std.asString(wholeNumbers(o));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the summary", e);
        }
    }

    private static Object wholeNumbers(Object o) {
        if (o instanceof Map) {
            Map<Object, Object> m = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                m.put(e.getKey(), wholeNumbers(e.getValue()));
            }
            return m;
        }
        if (o instanceof Double) {
            double d = (Double) o;
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : o;
        }
        return o;
    }
}
