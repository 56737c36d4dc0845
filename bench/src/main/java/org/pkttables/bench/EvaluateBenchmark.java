package org.pkttables.bench;

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
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * One TCP SYN through FORWARD past {@code rules} non-matching rules of the basic matches (linear
 * evaluation). Run with {@code -prof gc}: gc.alloc.rate.norm is the allocation per packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class EvaluateBenchmark {
    @Param({ "0", "10", "100", "1000" })
    public int rules;

    private Harness h;
    private byte[] syn;

    @Setup
    public void setUp() {
        h = Rulesets.basicMatches(rules);
        syn = Frames.ipv4("10.0.0.1", "10.0.0.2").tcp(40000, 80).flags(Frames.SYN).build();
    }

    @Benchmark
    public int forwardTcpSyn() {
        return h.inject(Family.IPV4, Hook.FORWARD, syn, "eth0", "eth1");
    }
}
