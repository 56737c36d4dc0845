package org.pkttables.metrics;

import java.util.function.Supplier;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * A collector of one service's series, built at scrape time: nothing while the service is not there
 * (its bundle not deployed, or the component not yet bound).
 *
 * @param <S> the service the series come from
 */
abstract class ServiceMetrics<S> implements MultiCollector {
    private final Supplier<S> service;

    ServiceMetrics(Supplier<S> service) {
        this.service = service;
    }

    @Override
    public final MetricSnapshots collect() {
        S s = service.get();
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        if (s != null) {
            collect(s, out);
        }
        return out.build();
    }

    /** Adds the series of {@code s} to {@code out}. */
    abstract void collect(S s, MetricSnapshots.Builder out);
}
