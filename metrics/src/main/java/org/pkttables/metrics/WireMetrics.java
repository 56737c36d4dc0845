package org.pkttables.metrics;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.jr.ob.JSON;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;


/**
 * The live ports' and workers' series of the running mode (bridge or router), from the documents of
 * {@code ports --json} and {@code workers --json} (the io bundle's public answer; its counters are
 * read as those commands read them, without a lock on the packet path): per port rx, tx, drops, queue
 * overflows and libpcap drops; per worker its frames, verdicts and faults. Nothing while no mode runs.
 */
final class WireMetrics implements MultiCollector {
    /** Columns that are not counters: the row's label, and gauges. */
    private static final Set<String> LABELS = Set.of("port", "worker", "mtu");
    private static final Set<String> GAUGES = Set.of("queued");
    private static final Map<String, String> PORT_HELP = Map.of("rx", "Frames received on the port",
            "rx_bytes", "Bytes received on the port", "tx", "Frames sent on the port", "tx_bytes", "Bytes sent on the port",
            "drops", "Frames dropped on their way out of the port", "tx_errors", "Send errors on the port",
            "overflows", "Frames lost because a worker's queue was full", "pcap_drop",
            "Frames libpcap or the interface dropped before pkttables saw them");

    private final Function<String, String> commands;

    /** @param commands the output of {@code NAME --json}, or null when no command NAME answers it */
    WireMetrics(Function<String, String> commands) {
        this.commands = commands;
    }

    @Override
    public MetricSnapshots collect() {
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        rows(out, "ports", "port");
        rows(out, "workers", "worker");
        return out.build();
    }

    /** The rows of {@code command --json}: each numeric column a series labelled mode and {@code key}. */
    private void rows(MetricSnapshots.Builder out, String command, String key) {
        String json = commands.apply(command);
        if (json == null) {
            return;
        }
        Map<String, Object> doc;
        try {
            doc = JSON.std.mapFrom(json);
        } catch (IOException e) {
            throw new IllegalStateException(command + " --json is not JSON: " + e.getMessage(), e);
        }
        Map<String, CounterSnapshot.Builder> counters = new TreeMap<>();
        Map<String, GaugeSnapshot.Builder> gauges = new TreeMap<>();
        for (Object m : (List<?>) doc.getOrDefault("modes", List.of())) {
            Map<?, ?> mode = (Map<?, ?>) m;
            for (Object row : (List<?>) mode.get(command)) {
                Map<?, ?> cols = (Map<?, ?>) row;
                Labels l = Labels.of("mode", String.valueOf(mode.get("mode")), key, String.valueOf(cols.get(key)));
                for (Map.Entry<?, ?> e : cols.entrySet()) {
                    String col = (String) e.getKey();
                    if (LABELS.contains(col) || !(e.getValue() instanceof Number)) {
                        continue;
                    }
                    double v = ((Number) e.getValue()).doubleValue();
                    String name = "pkttables_" + key + "_" + col;
                    if (GAUGES.contains(col)) {
                        gauges.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n)
                                .help("Frames waiting in the " + key + "'s queues")).dataPoint(
                                        GaugeDataPointSnapshot.builder().labels(l).value(v).build());
                    } else {
                        counters.computeIfAbsent(name, n -> RulesetMetrics.counter(n, help(command, key, col)))
                                .dataPoint(RulesetMetrics.point(l, v));
                    }
                }
            }
        }
        counters.values().forEach(b -> out.metricSnapshot(b.build()));
        gauges.values().forEach(b -> out.metricSnapshot(b.build()));
    }

    private static String help(String command, String key, String col) {
        String h = key.equals("port") ? PORT_HELP.get(col) : null;
        return h != null ? h : "The " + key + "s' " + col + " counter (column " + col + " of `" + command + "')";
    }
}
