package org.pkttables.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.tables.testing.Harness;

/**
 * Classification throughput on one core (packets/s, each op one Ethernet frame parsed by the ipv4 or
 * ipv6 handler and run through FORWARD): a ClassBench-style chain of {@code rules} rules with a trace
 * drawn from the rules ({@code classbench}), its IPv6 counterpart ({@code classbench6}, {@link
 * ClassBench6}, through ip6tables' FORWARD), or the kernel comparison's N non-matching
 * {@code -s x/32 -j DROP} rules before an ACCEPT ({@code kernel}); through the compiled classifier or the
 * linear reference walk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xmx3g" })
public class ClassifyBenchmark {
    /** Frames in the trace (a power of two). */
    static final int TRACE = 4096;

    @Param({ "10", "1000", "10000", "100000" })
    public int rules;

    @Param({ "classifier", "linear" })
    public String path;

    @Param({ "classbench", "kernel", "classbench6" })
    public String form;

    private Harness h;
    private Family family;
    private byte[][] frames;
    private int next;

    @Setup
    public void setUp() {
        h = load(form, rules);
        h.linear("linear".equals(path));
        family = "classbench6".equals(form) ? Family.IPV6 : Family.IPV4;
        frames = trace(form, rules);
    }

    static Harness load(String form, int rules) {
        Harness h = Rulesets.harness();
        boolean v6 = "classbench6".equals(form);
        String text = "kernel".equals(form) ? KernelForms.forward(rules)
                : v6 ? ClassBench6.restore(ClassBench6.rules(rules, 7)) : ClassBench.restore(ClassBench.rules(rules, 7));
        CommandFrontend.Result r = h.withInput(text, v6 ? "ip6tables-restore" : "iptables-restore");
        if (!r.ok()) {
            throw new IllegalStateException("benchmark ruleset does not load: " + r.err());
        }
        return h;
    }

    static byte[][] trace(String form, int rules) {
        if ("kernel".equals(form)) {
            byte[][] f = new byte[TRACE][];
            java.util.Arrays.fill(f, KernelForms.forwardPacket());
            return f;
        }
        if ("classbench6".equals(form)) {
            return ClassBench6.trace(ClassBench6.rules(rules, 7), TRACE, 11);
        }
        List<ClassBench.Rule> list = ClassBench.rules(rules, 7);
        return ClassBench.trace(list, TRACE, 11);
    }

    @Benchmark
    public int classify() {
        byte[] f = frames[next++ & (TRACE - 1)];
        return h.inject(family, Hook.FORWARD, f, "eth0", "eth1");
    }
}
