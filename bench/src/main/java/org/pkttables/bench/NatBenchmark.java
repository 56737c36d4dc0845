package org.pkttables.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.HookFunction;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConfirmHook;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.conntrack.impl.ConntrackHook;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.nat.NatServices;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * An established UDP flow through a router's hooks (PREROUTING, FORWARD, POSTROUTING, with conntrack), one
 * packet each way per operation: {@code nat} with {@code -t nat -A POSTROUTING -o wan -j SNAT}, so both
 * packets are rewritten from the binding; {@code plain} the same flow without NAT (the NAT hooks are
 * registered either way and give {@code plain} a null binding). ns per round trip; with {@code -prof gc},
 * bytes per round trip. Run: bench/run.sh NatBenchmark -prof gc -f 1 -wi 3 -i 5 -w 1s -r 1s
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NatBenchmark {
    private static final Hook[] PATH = { Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING };

    @Param({ "plain", "nat" })
    public String mode;

    Harness h;
    byte[] out;
    byte[] in;
    byte[] bo;
    byte[] bi;

    @Setup
    public void setUp() {
        ConntrackEngine engine = new ConntrackEngine(65536, 5, System::currentTimeMillis);
        h = new Harness().with(new Ipv4Handler());
        String[] fam = { "ipv4" };
        h.with(new ConntrackHook(engine), Map.of(HookFunction.FAMILY, fam, HookFunction.HOOK,
                new String[] { "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING" },
                HookFunction.PRIORITY, "conntrack"));
        h.with(new ConfirmHook(engine), Map.of(HookFunction.FAMILY, fam, HookFunction.HOOK,
                new String[] { "INPUT", "POSTROUTING" }, HookFunction.PRIORITY, "confirm"));
        NatServices nat = new NatServices(h.ruleset());
        nat.targets().forEach(h::with);
        nat.hooks().forEach(h::with);
        engine.setNatPresent(true);
        String replyTo = "10.0.0.2";
        if (mode.equals("nat")) {
            if (h.sh("iptables -t nat -A POSTROUTING -o wan -j SNAT --to-source 203.0.113.1").exit() != 0) {
                throw new IllegalStateException("SNAT rule refused");
            }
            replyTo = "203.0.113.1";
        }
        out = Frames.ipv4("10.0.0.2", "198.51.100.7").udp(5000, 53).payload("query").build();
        in = Frames.ipv4("198.51.100.7", replyTo).udp(53, 5000).payload("answer").build();
        bo = out.clone();
        bi = in.clone();
        if (roundTrip() != 2 * Verdict.ACCEPT) {
            throw new IllegalStateException("the flow does not pass");
        }
    }

    @Benchmark
    public int roundTrip() {
        System.arraycopy(out, 0, bo, 0, out.length);
        int v = h.injectPath(Family.IPV4, bo, "lan", "wan", PATH);
        System.arraycopy(in, 0, bi, 0, in.length);
        return v + h.injectPath(Family.IPV4, bi, "wan", "lan", PATH);
    }
}
