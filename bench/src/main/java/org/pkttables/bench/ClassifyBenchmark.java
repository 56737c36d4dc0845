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
 * Classification throughput on one core (packets/s, each op one Ethernet frame parsed by the ipv4
 * handler and run through FORWARD): a ClassBench-style chain of {@code rules} rules with a trace drawn
 * from the rules ({@code classbench}), or the kernel comparison's N non-matching {@code -s x/32 -j DROP}
 * rules before an ACCEPT ({@code kernel}); through the compiled classifier or the linear reference walk.
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

    @Param({ "classbench", "kernel" })
    public String form;

    private Harness h;
    private byte[][] frames;
    private int next;

    @Setup
    public void setUp() {
        h = load(form, rules);
        h.linear("linear".equals(path));
        frames = trace(form, rules);
    }

    static Harness load(String form, int rules) {
        Harness h = Rulesets.harness();
        String text = "kernel".equals(form) ? KernelForms.forward(rules) : ClassBench.restore(ClassBench.rules(rules, 7));
        CommandFrontend.Result r = h.withInput(text, "iptables-restore");
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
        List<ClassBench.Rule> list = ClassBench.rules(rules, 7);
        return ClassBench.trace(list, TRACE, 11);
    }

    @Benchmark
    public int classify() {
        byte[] f = frames[next++ & (TRACE - 1)];
        return h.inject(Family.IPV4, Hook.FORWARD, f, "eth0", "eth1");
    }
}
