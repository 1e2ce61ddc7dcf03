package io.pitwall.monitor.export;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.LinkedHashMap;
import java.util.Map;

/** Collects data points by metric name while one scrape walks the databases, then builds each family once. */
final class MetricFamilies {

    private final Map<String, GaugeSnapshot.Builder> gauges = new LinkedHashMap<>();
    private final Map<String, CounterSnapshot.Builder> counters = new LinkedHashMap<>();

    GaugeSnapshot.Builder gauge(String name, String help) {
        return gauges.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help));
    }

    CounterSnapshot.Builder counter(String name, String help) {
        return counters.computeIfAbsent(name, n -> CounterSnapshot.builder().name(n).help(help));
    }

    MetricSnapshots build() {
        MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        gauges.values().forEach(b -> snapshots.metricSnapshot(b.build()));
        counters.values().forEach(b -> snapshots.metricSnapshot(b.build()));
        return snapshots.build();
    }
}
