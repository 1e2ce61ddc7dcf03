package io.pitwall.monitor.export;

import io.pitwall.monitor.health.Figures;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.HealthFigure;
import io.pitwall.queue.HealthReading;
import io.pitwall.queue.KindCounts;
import io.pitwall.queue.QueueCounts;
import io.pitwall.queue.StateCounts;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.ReplicaLag;
import io.pitwall.queue.StuckItem;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The metrics of every watched database, built at scrape time from the cached readings. A database that
 * cannot be read reports {@code pitwall_up 0} and counts an error; the others still report.
 */
public final class QueueMetrics implements MultiCollector {

    private static final Logger LOG = Logger.getLogger(QueueMetrics.class.getName());

    private final List<WatchedDatabase> databases;
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();

    public QueueMetrics(List<WatchedDatabase> databases) {
        this.databases = List.copyOf(databases);
        databases.forEach(d -> errors.put(d.name(), new AtomicLong()));
    }

    @Override
    public MetricSnapshots collect() {
        MetricFamilies families = new MetricFamilies();
        // Databases are read side by side, so a slow one delays the scrape by its own time, not the sum.
        List<Future<Read>> reads = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            databases.forEach(d -> reads.add(pool.submit(() -> read(d))));
        }
        for (int i = 0; i < databases.size(); i++) {
            WatchedDatabase database = databases.get(i);
            Read read = reads.get(i).resultNow();
            boolean up = read.reading() != null;
            if (up) {
                add(families, database.name(), read.reading());
            }
            if (read.lag() != null && read.lag().standby()) {
                Labels standby = Labels.of("connection", database.name());
                families.gauge("pitwall_replica_lag_seconds", "How far the standby this connection monitors is behind "
                                + "its primary (0 while everything received is replayed)")
                        .dataPoint(point(standby, read.lag().lag().toMillis() / 1000.0));
                families.gauge("pitwall_replica_streaming", "1 when that standby streams from its primary, 0 when not")
                        .dataPoint(point(standby, read.lag().streaming() ? 1 : 0));
            }
            double seconds = read.seconds();
            Labels connection = Labels.of("connection", database.name());
            families.gauge("pitwall_up", "1 when the database was read for this scrape, 0 when it could not be")
                    .dataPoint(point(connection, up ? 1 : 0));
            families.gauge("pitwall_scrape_duration_seconds",
                            "Time this scrape spent reading the database (0 when every part was cached)")
                    .dataPoint(point(connection, seconds));
            families.counter("pitwall_scrape_errors", "Scrapes that could not read the database")
                    .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(connection)
                            .value(errors.get(database.name()).get()).build());
        }
        return families.build();
    }

    private Read read(WatchedDatabase database) {
        long started = System.nanoTime();
        try {
            HealthReading reading = database.reader().read();
            ReplicaLag lag = database.lag() == null ? null : database.lag().read();
            return new Read(reading, lag, (System.nanoTime() - started) / 1e9);
        } catch (Exception e) {
            errors.get(database.name()).incrementAndGet();
            LOG.log(Level.WARNING, "metrics: cannot read " + database.name() + ": " + e.getMessage());
            return new Read(null, null, (System.nanoTime() - started) / 1e9);
        }
    }

    private record Read(HealthReading reading, ReplicaLag lag, double seconds) {
    }

    private static void add(MetricFamilies families, String connection, HealthReading reading) {
        for (QueueStatus queue : reading.status().queues()) {
            String accuracy = queue.estimated() ? "estimated" : "exact";
            Labels base = Labels.of("connection", connection, "profile", queue.profileId(),
                    "queue", Figures.queueName(queue));
            if (queue.queues().isEmpty()) {
                tasks(families, base, accuracy, queue.counts(), queue.kinds());
            } else {
                // One table, many queues: each queue's counts under its own name.
                for (QueueCounts inner : queue.queues()) {
                    tasks(families, Labels.of("connection", connection, "profile", queue.profileId(),
                            "queue", inner.queue()), accuracy, inner.counts(), inner.kinds());
                }
            }
            Map<String, Long> perRule = new TreeMap<>();
            for (StuckItem item : reading.stuck()) {
                if (item.profileId().equals(queue.profileId()) && item.where().equals(queue.where())) {
                    perRule.merge(item.rule(), 1L, Long::sum);
                }
            }
            perRule.forEach((rule, n) -> families.gauge("pitwall_stuck_by_rule",
                            "Stuck items per rule (an item two rules flag counts under both)")
                    .dataPoint(point(base.add("rule", rule), n)));
        }
        for (HealthFigure figure : Figures.of(reading)) {
            if (figure.kind() != null) {
                continue;
            }
            Labels labels = Labels.of("connection", connection, "profile", figure.profileId(), "queue", figure.queue());
            switch (figure.metric()) {
                case STUCK -> families.gauge("pitwall_stuck", "Stuck tasks and objects, each counted once")
                        .dataPoint(point(labels, figure.value()));
                case OLDEST_QUEUED -> families.gauge("pitwall_oldest_queued_age_seconds",
                                "Age of the oldest queued task (0 when none is queued)")
                        .dataPoint(point(labels, figure.value()));
                case FAILURES_PER_MINUTE -> families.gauge("pitwall_failures_per_minute",
                                "Tasks failed per minute, averaged over the last 5 minutes")
                        .dataPoint(point(labels, figure.value()));
                case DEPTH -> { }
            }
        }
    }

    private static void tasks(MetricFamilies families, Labels base, String accuracy, StateCounts counts,
                              List<KindCounts> kinds) {
        for (CanonicalState state : CanonicalState.values()) {
            families.gauge("pitwall_tasks", "Tasks per queue and canonical state; accuracy says how it was counted")
                    .dataPoint(point(base.add("state", state.name()).add("accuracy", accuracy), counts.get(state)));
        }
        for (KindCounts kind : kinds) {
            for (CanonicalState state : CanonicalState.values()) {
                long n = kind.counts().get(state);
                if (n > 0) {
                    families.gauge("pitwall_kind_tasks", "Tasks per kind and canonical state (states with none left out)")
                            .dataPoint(point(base.add("kind", kind.kind() == null ? "" : kind.kind())
                                    .add("state", state.name()).add("accuracy", accuracy), n));
                }
            }
        }
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
