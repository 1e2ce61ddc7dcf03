package io.pitwall.bench;

import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.FailedReader;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.StatusReader;
import io.pitwall.profile.Binding;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.TaskFilter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: a benchmark, run by hand (README.md, "Benchmark"). Builds a shithub {@code jobs} table of each size in
 * an embedded PostgreSQL ({@link BenchTables}), then, five rounds each in the same run, times Pitwall's status
 * refresh (through the console's own monitor pool), the naive GROUP BY count, Oban's approach and GoodJob's, and
 * prints per refresh the median database time (pg_stat_statements: planning and execution of every statement), the
 * statements sent, the client's wall-clock time, the ratios and each count's error against the truth. Then the
 * same for stuck, the first failed page and {@code failed --group}, against a trivial {@code SELECT 1} of the same run.
 * <p>
 * {@code .ci/bench-counts 100000,1000000,10000000}
 */
public final class CountBenchmark {

    static final int ROUNDS = 5;

    private CountBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long[] sizes = Arrays.stream(System.getProperty("bench.sizes", "100000,1000000").split(","))
                .map(String::trim).mapToLong(Long::parseLong).toArray();
        String kept = System.getProperty("bench.data", "");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setCleanDataDirectory(kept.isBlank());
        if (!kept.isBlank()) {
            builder.setDataDirectory(Path.of(kept)); // tables built once are kept for the next run
        }
        try (EmbeddedPostgres postgres = builder.setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "4GB").setServerConfig("checkpoint_timeout", "30min")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track_planning", "on").start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
            config.setJdbcUrl(url);
            config.setMaximumPoolSize(3);
            try (com.zaxxer.hikari.HikariDataSource db = new com.zaxxer.hikari.HikariDataSource(config)) {
                DbTime dbTime = new DbTime(db);
                System.out.println(version(db) + ", " + Runtime.getRuntime().availableProcessors() + " cores, load "
                        + String.format("%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage()) + "; " + ROUNDS + " rounds per approach, medians. DB ms: the "
                        + "server's planning + execution time of every statement of one refresh (pg_stat_statements); "
                        + "client ms: wall clock seen by the client on localhost\n");
                List<String> refreshes = new ArrayList<>(List.of("| rows | approach | DB ms | × naive | × GoodJob "
                        + "| statements | client ms | queued (truth " + BenchTables.QUEUED
                        + ") | error queued / running / paused / failed / succeeded |", "|---|---|---|---|---|---|---|---|---|"));
                List<String> pages = new ArrayList<>(List.of("| rows | read | DB ms | client ms | client × SELECT 1 |",
                        "|---|---|---|---|---|"));
                List<String> acts = new ArrayList<>();
                List<String> consoles = new ArrayList<>();
                for (long size : sizes) {
                    BenchTables.use(db, size);
                    try (MonitorSession session = new MonitorSession(
                            new DatabasePools(TargetResolver.fromSystem().resolve(url)), new ProfileLoader().load(null))) {
                        Binding binding = session.detection().forProfile("shithub").stream()
                                .filter(b -> b.schema().equals("shithub")).findFirst().orElseThrow();
                        Measure measure = new Measure(dbTime);
                        if (Boolean.getBoolean("bench.explain")) {
                            explain(db, binding);
                        }
                        refreshes.addAll(refreshes(db, session, binding, size, measure));
                        pages.addAll(pages(db, session, binding, size, measure));
                        long extraAt = Long.getLong("bench.extraAt", sizes[sizes.length - 1]);
                        for (String extra : size == extraAt ? System.getProperty("bench.extra", "").split(",")
                                : new String[0]) {
                            switch (extra.trim()) {
                                case "act" -> acts.add(ActUnderLoad.run(db, session, size));
                                case "console" -> consoles.addAll(ConsolePolling.run(url, dbTime, size,
                                        median(measure.db("naive GROUP BY"))));
                                default -> { }
                            }
                        }
                    } finally {
                        BenchTables.keep(db, size);
                    }
                }
                refreshes.forEach(System.out::println);
                System.out.println();
                pages.forEach(System.out::println);
                if (!acts.isEmpty()) {
                    System.out.println("\n" + ActUnderLoad.header());
                    acts.forEach(System.out::println);
                }
                if (!consoles.isEmpty()) {
                    System.out.println("\n" + ConsolePolling.header());
                    consoles.forEach(System.out::println);
                }
            }
        }
    }

    private static List<String> refreshes(DataSource db, MonitorSession session, Binding binding, long size,
                                          Measure measure) throws Exception {
        Map<CanonicalState, Long> truth = Approaches.naive(db);
        StatusReader console = new StatusReader();
        console.countInBackground();
        DataSource monitor = session.pools().monitor();
        session.status("shithub"); // the plan checks, kept for a minute as in the console
        for (int warm = 0; warm < 2; warm++) { // the buffer cache, as a running console has it
            Approaches.naive(db);
            Approaches.oban(db);
            Approaches.goodJob(db);
            session.status("shithub");
        }
        // The console's reader once its background counts are in (the next are due in 15 s and 5 min).
        long waited = System.nanoTime();
        while (console.read(monitor, List.of(binding)).queues().getFirst().accuracyOf(CanonicalState.SUCCEEDED).method()
                != io.pitwall.queue.CountAccuracy.Method.COUNTED) {
            Thread.sleep(200);
        }
        System.err.printf("background counts of %,d rows in %.1f s%n", size, (System.nanoTime() - waited) / 1e9);
        for (int round = 0; round < ROUNDS; round++) {
            measure.time("Pitwall refresh, console (failed, terminal in background)",
                    () -> states(console.read(monitor, List.of(binding)).queues().getFirst()));
            measure.time("Pitwall refresh, status (failed counted now)",
                    () -> states(session.status("shithub").queues().getFirst()));
            measure.time("Pitwall, index checks included", () ->
                    states(new StatusReader().read(monitor, List.of(binding)).queues().getFirst()));
            measure.time("naive GROUP BY", () -> Approaches.naive(db));
            measure.time("Oban (exact < 50k, else planner)", () -> Approaches.oban(db));
            measure.time("GoodJob (index count of active)", () -> Approaches.goodJob(db));
        }
        console.close();
        double naive = median(measure.db("naive GROUP BY"));
        double goodJob = median(measure.db("GoodJob (index count of active)"));
        List<String> lines = new ArrayList<>();
        for (String name : measure.names()) {
            double ms = median(measure.db(name));
            Map<CanonicalState, Long> counts = measure.shown(name);
            StringBuilder errors = new StringBuilder();
            for (CanonicalState state : Approaches.SHOWN) {
                Long value = counts.get(state);
                errors.append(errors.isEmpty() ? "" : " / ").append(value == null ? "–" : error(value, truth.get(state)));
            }
            lines.add(String.format("| %,d | %s | %.2f | 1/%.0f | %.1f× | %.0f | %.1f | %s | %s |", size, name, ms,
                    naive / ms, ms / goodJob, median(measure.statements(name)), median(measure.client(name)),
                    counts.get(CanonicalState.QUEUED) == null ? "–"
                            : String.format("%,d", counts.get(CanonicalState.QUEUED)), errors));
        }
        return lines;
    }

    private static List<String> pages(DataSource db, MonitorSession session, Binding binding, long size,
                                      Measure measure) throws Exception {
        DataSource monitor = session.pools().monitor();
        TaskFilter lastHour = new TaskFilter(null, null, null, Duration.ofHours(1));
        Map<String, Measure.Read> reads = new LinkedHashMap<>();
        reads.put("SELECT 1 (monitor pool)", () -> Approaches.trivial(monitor));
        reads.put("stuck", () -> session.stuck("shithub", List.of(), null));
        reads.put("failed, first page", () -> session.failed(binding, TaskFilter.NONE, null, 200));
        reads.put("failed --group, last 1 h (default)", () -> session.failedGroups(binding, lastHour));
        reads.put("failed --group, latest " + FailedReader.GROUP_SCAN_LIMIT, () -> session.failedGroups(binding, TaskFilter.NONE));
        reads.values().forEach(read -> {
            try {
                read.run(); // warm
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (int round = 0; round < ROUNDS; round++) {
            for (var read : reads.entrySet()) {
                measure.time(read.getKey(), read.getValue());
            }
        }
        double baseline = median(measure.client("SELECT 1 (monitor pool)"));
        List<String> lines = new ArrayList<>();
        for (String name : reads.keySet()) {
            lines.add(String.format("| %,d | %s | %.2f | %.1f | %.1f× |", size, name, median(measure.db(name)),
                    median(measure.client(name)), median(measure.client(name)) / baseline));
        }
        return lines;
    }

    /** The plans of the refresh's statement, as PostgreSQL ran them ({@code BENCH_EXPLAIN=true}). */
    private static void explain(DataSource db, Binding binding) throws Exception {
        String active = "t.\"state\" IN ('paused', 'processing', 'queued')";
        String failed = "t.\"state\" IN ('failed')";
        List<String> queries = List.of(
                io.pitwall.sql.CountQuery.union(binding.qualifiedTable(), binding.tasks(), List.of(active)),
                io.pitwall.sql.CountQuery.union(binding.qualifiedTable(), binding.tasks(), List.of(active, failed)),
                "SELECT state, count(*) FROM shithub.jobs WHERE state IN ('queued', 'processing', 'paused') GROUP BY 1");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String sql : queries) {
                try (ResultSet rows = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                    System.err.println(sql);
                    while (rows.next()) {
                        System.err.println("  " + rows.getString(1));
                    }
                }
            }
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String error(long shown, long truth) {
        return shown == truth ? "0" : String.format("%+.1f %%", 100.0 * (shown - truth) / Math.max(1, truth));
    }

    private static Map<CanonicalState, Long> states(QueueStatus status) {
        Map<CanonicalState, Long> counts = new EnumMap<>(CanonicalState.class);
        Approaches.SHOWN.forEach(s -> counts.put(s, status.counts().get(s)));
        return counts;
    }

    private static String version(DataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT version()")) {
            rows.next();
            return rows.getString(1).replaceAll(" on .*", "");
        }
    }
}
