package org.pkttables.metrics;

import java.util.function.Supplier;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import org.pkttables.api.ChainInfo;
import org.pkttables.api.Family;
import org.pkttables.api.RuleInfo;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetException;
import org.pkttables.api.TableInfo;
import org.pkttables.api.Verdict;

/**
 * The ruleset's series, built at scrape time from {@link Ruleset#table} snapshots (the counter banks
 * read as they are, summed over workers: no lock on the packet path): per-rule packets and bytes
 * labelled family, table, chain, rule number and comment; each built-in chain's policy counters; the
 * fail-closed and fault drops; the generation and when it last changed.
 */
final class RulesetMetrics extends ServiceMetrics<Ruleset> {
    private final ChangeClock changes;

    RulesetMetrics(Supplier<Ruleset> ruleset, ChangeClock changes) {
        super(ruleset);
        this.changes = changes;
    }

    @Override
    void collect(Ruleset rs, MetricSnapshots.Builder out) {
        CounterSnapshot.Builder rulePackets = counter("pkttables_rule_packets",
                "Packets that matched the rule (iptables -L -v pkts)");
        CounterSnapshot.Builder ruleBytes = counter("pkttables_rule_bytes", "Bytes of the packets that matched the rule");
        CounterSnapshot.Builder policyPackets = counter("pkttables_chain_policy_packets",
                "Packets the built-in chain's policy decided");
        CounterSnapshot.Builder policyBytes = counter("pkttables_chain_policy_bytes",
                "Bytes of the packets the built-in chain's policy decided");
        GaugeSnapshot.Builder rules = GaugeSnapshot.builder().name("pkttables_chain_rules")
                .help("Rules in the chain");
        for (Family f : Family.values()) {
            for (String t : rs.tables(f)) {
                TableInfo table;
                try {
                    table = rs.table(f, t);
                } catch (RulesetException e) {
                    continue; // the table went away between the two calls: it has no series now
                }
                for (ChainInfo c : table.chains()) {
                    Labels chain = Labels.of("family", f.id(), "table", t, "chain", c.name());
                    rules.dataPoint(GaugeDataPointSnapshot.builder().labels(chain).value(c.rules().size()).build());
                    if (c.builtin()) {
                        Labels p = chain.add("policy", Verdict.name(c.policy()));
                        policyPackets.dataPoint(point(p, c.packets()));
                        policyBytes.dataPoint(point(p, c.bytes()));
                    }
                    int n = 0;
                    for (RuleInfo r : c.rules()) {
                        n++;
                        Labels l = Labels.of("family", f.id(), "table", t, "chain", c.name(), "rule",
                                Integer.toString(n), "comment", comment(r.spec()));
                        rulePackets.dataPoint(point(l, r.packets()));
                        ruleBytes.dataPoint(point(l, r.bytes()));
                    }
                }
            }
        }
        out.metricSnapshot(rulePackets.build()).metricSnapshot(ruleBytes.build())
                .metricSnapshot(policyPackets.build()).metricSnapshot(policyBytes.build()).metricSnapshot(rules.build());
        out.metricSnapshot(counter("pkttables_fail_closed_drops",
                "Packets dropped because a rule they reached uses an extension that is not loaded")
                .dataPoint(point(Labels.EMPTY, rs.failClosedDrops())).build());
        out.metricSnapshot(counter("pkttables_fault_drops", "Packets dropped because an extension threw on them")
                .dataPoint(point(Labels.EMPTY, rs.faultDrops())).build());
        out.metricSnapshot(GaugeSnapshot.builder().name("pkttables_ruleset_generation")
                .help("Generation of the live ruleset (every commit adds one)")
                .dataPoint(GaugeDataPointSnapshot.builder().value(rs.generation()).build()).build());
        changes.collect(out);
    }

    /** The value of the rule's comment match, or empty. */
    static String comment(RuleSpec spec) {
        for (RuleSpec.Call mc : spec.matches()) {
            if (mc.name().equals("comment") && mc.words().size() == 2 && mc.words().get(0).equals("--comment")) {
                return mc.words().get(1);
            }
        }
        return "";
    }

    static CounterSnapshot.Builder counter(String name, String help) {
        return CounterSnapshot.builder().name(name).help(help);
    }

    static CounterDataPointSnapshot point(Labels labels, double value) {
        return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
