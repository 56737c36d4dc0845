package org.pkttables.metrics;

import java.util.Map;
import java.util.function.Supplier;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import org.pkttables.conntrack.ConntrackService;
import org.pkttables.conntrack.ConntrackStats;

/**
 * The connection table's series (as {@code conntrack -C} and {@code -S}): entries, maximum, the
 * statistics counters (early drops, insert failures ...) and the entries per protocol and state,
 * counted without a lock on the packet path ({@link ConntrackService#stateCounts}, a walk of the whole table,
 * so at most once a second and within {@link ScanBudget}'s one percent). Nothing while conntrack is not
 * deployed.
 */
final class ConntrackMetrics extends ServiceMetrics<ConntrackService> {
    private final ScanBudget<Map<Integer, Map<String, Long>>> stateWalks =
            new ScanBudget<>(java.util.concurrent.TimeUnit.SECONDS.toNanos(1), System::nanoTime);

    ConntrackMetrics(Supplier<ConntrackService> conntrack) {
        super(conntrack);
    }

    @Override
    void collect(ConntrackService ct, MetricSnapshots.Builder out) {
        ConntrackStats s = ct.stats();
        out.metricSnapshot(gauge("pkttables_conntrack_entries", "Connections in the table", ct.count()));
        out.metricSnapshot(gauge("pkttables_conntrack_max", "Size of the table (nf_conntrack_max)", ct.max()));
        counter(out, "pkttables_conntrack_found", "Lookups that found a connection", s.found());
        counter(out, "pkttables_conntrack_invalid", "Packets conntrack could not track", s.invalid());
        counter(out, "pkttables_conntrack_inserts", "Connections inserted", s.insert());
        counter(out, "pkttables_conntrack_insert_failures", "Connections that could not be inserted", s.insertFailed());
        counter(out, "pkttables_conntrack_drops", "Packets dropped because the table was full", s.drop());
        counter(out, "pkttables_conntrack_early_drops", "Connections evicted to make room (early drop)", s.earlyDrop());
        GaugeSnapshot.Builder states = GaugeSnapshot.builder().name("pkttables_conntrack_state_entries")
                .help("Connections per protocol and state (the state is empty for protocols without one; "
                        + "counted at most once a second)");
        for (Map.Entry<Integer, Map<String, Long>> p : stateWalks.get(ct, ct::stateCounts).entrySet()) {
            for (Map.Entry<String, Long> e : p.getValue().entrySet()) {
                states.dataPoint(GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("protocol", protocol(p.getKey()), "state", e.getKey())).value(e.getValue())
                        .build());
            }
        }
        out.metricSnapshot(states.build());
    }

    private static String protocol(int p) {
        switch (p) {
            case 1: return "icmp";
            case 6: return "tcp";
            case 17: return "udp";
            case 33: return "dccp";
            case 47: return "gre";
            case 58: return "icmpv6";
            case 132: return "sctp";
            case 136: return "udplite";
            default: return Integer.toString(p);
        }
    }

    private static GaugeSnapshot gauge(String name, String help, double v) {
        return GaugeSnapshot.builder().name(name).help(help).dataPoint(GaugeDataPointSnapshot.builder().value(v).build())
                .build();
    }

    private static void counter(MetricSnapshots.Builder out, String name, String help, long v) {
        out.metricSnapshot(RulesetMetrics.counter(name, help).dataPoint(RulesetMetrics.point(Labels.EMPTY, v)).build());
    }
}
