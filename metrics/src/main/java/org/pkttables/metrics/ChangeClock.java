package org.pkttables.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import org.pkttables.api.RulesetEvent;
import org.pkttables.api.RulesetListener;

/**
 * Ruleset commits as the change listeners see them (one or more events per commit, all with its
 * generation): how many commits were announced and when the last one was.
 */
final class ChangeClock implements RulesetListener {
    private volatile long lastGeneration = -1;
    private volatile long commits;
    private volatile long lastMillis;

    @Override
    public void changed(RulesetEvent event) {
        // Listeners are told in order, one commit after another: one writer.
        if (event.generation() != lastGeneration) {
            lastGeneration = event.generation();
            lastMillis = System.currentTimeMillis();
            commits = commits + 1;
        }
    }

    void collect(MetricSnapshots.Builder out) {
        out.metricSnapshot(CounterSnapshot.builder().name("pkttables_ruleset_commits")
                .help("Ruleset commits announced since the metrics endpoint started")
                .dataPoint(RulesetMetrics.point(Labels.EMPTY, commits)).build());
        long last = lastMillis;
        if (last > 0) {
            out.metricSnapshot(GaugeSnapshot.builder().name("pkttables_ruleset_last_commit_timestamp_seconds")
                    .help("When the last ruleset commit was announced (Unix time)")
                    .dataPoint(GaugeDataPointSnapshot.builder().value(last / 1000.0).build()).build());
        }
    }
}
