package org.pkttables.metrics;

import java.util.function.Supplier;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import org.pkttables.ext.ipset.api.ListFormat;
import org.pkttables.ext.ipset.api.SetException;
import org.pkttables.ext.ipset.api.SetService;

/**
 * The IP sets' sizes, from their headers as {@code ipset list -terse} prints them: entries and memory
 * per set, labelled with its name and type. Nothing while the ipset bundle is not deployed.
 */
final class SetMetrics extends ServiceMetrics<SetService> {
    SetMetrics(Supplier<SetService> sets) {
        super(sets);
    }

    @Override
    void collect(SetService s, MetricSnapshots.Builder out) {
        GaugeSnapshot.Builder entries = GaugeSnapshot.builder().name("pkttables_ipset_entries")
                .help("Entries in the IP set");
        GaugeSnapshot.Builder memory = GaugeSnapshot.builder().name("pkttables_ipset_memory_bytes")
                .help("Memory the IP set takes, as ipset reports it");
        for (String name : s.names()) {
            String header;
            try {
                header = s.list(name, ListFormat.TERSE);
            } catch (SetException e) {
                continue; // destroyed or renamed between the two calls: it has no series now
            }
            Labels l = Labels.of("set", name, "type", field(header, "Type"));
            entries.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(number(header, "Number of entries"))
                    .build());
            memory.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(number(header, "Size in memory"))
                    .build());
        }
        out.metricSnapshot(entries.build()).metricSnapshot(memory.build());
    }

    /** The value of header line {@code key: value}, or empty. */
    static String field(String header, String key) {
        for (String line : header.split("\n")) {
            if (line.startsWith(key + ": ")) {
                return line.substring(key.length() + 2).strip();
            }
        }
        return "";
    }

    private static double number(String header, String key) {
        try {
            return Double.parseDouble(field(header, key));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
