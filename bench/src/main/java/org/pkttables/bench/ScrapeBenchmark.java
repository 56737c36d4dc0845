package org.pkttables.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pkttables.api.ChainInfo;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.RuleInfo;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetException;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * What a metrics scrape costs the packet path: a packet thread sends TCP SYNs through FORWARD past
 * {@code rules} rules, alone ({@code quiet}) or while a second thread reads every table's counters in a
 * loop as {@code /metrics} does at each scrape ({@code scraped}: {@code Ruleset.table} snapshots, the
 * counter banks read as they are, no lock). Compare {@code quiet:packet} with {@code scraped:packet}
 * (ns per packet); the scrape loop is far more often than any scraper asks (one scrape every few ms
 * instead of every 15 s). Run: {@code bench/run.sh Scrape -f 1 -wi 3 -i 5}.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class ScrapeBenchmark {
    @Param({ "1000" })
    public int rules;

    private Harness h;
    private byte[] syn;

    @Setup
    public void setUp() {
        h = Rulesets.basicMatches(rules);
        syn = Frames.ipv4("10.0.0.1", "10.0.0.2").tcp(40000, 80).flags(Frames.SYN).build();
    }

    @Benchmark
    @Group("quiet")
    @GroupThreads(1)
    public int quietPacket() {
        return h.inject(Family.IPV4, Hook.FORWARD, syn, "eth0", "eth1");
    }

    @Benchmark
    @Group("scraped")
    @GroupThreads(1)
    public int packet() {
        return h.inject(Family.IPV4, Hook.FORWARD, syn, "eth0", "eth1");
    }

    @Benchmark
    @Group("scraped")
    @GroupThreads(1)
    public long scrape() throws RulesetException {
        Ruleset rs = h.ruleset();
        long sum = 0;
        for (Family f : Family.values()) {
            for (String t : rs.tables(f)) {
                for (ChainInfo c : rs.table(f, t).chains()) {
                    sum += c.packets();
                    for (RuleInfo r : c.rules()) {
                        sum += r.packets() + r.bytes();
                    }
                }
            }
        }
        return sum;
    }
}
