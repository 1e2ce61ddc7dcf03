package io.pitwall.bench;

import io.pitwall.monitor.FailedReader;
import io.pitwall.monitor.StatusReader;
import io.pitwall.monitor.StuckReader;
import io.pitwall.profile.Binding;
import io.pitwall.profile.CatalogDetector;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.TaskFilter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * an embedded PostgreSQL (5,000 queued, 1,000 processing, 2,000 paused, 10,000 failed, the rest completed), then,
 * five rounds each in the same run, times Pitwall's status refresh, the naive GROUP BY count, Oban's approach
 * (exact per state below 50,000 planner-estimated rows, the estimate above) and GoodJob's (an index count of the
 * active states), and prints the median time per refresh, the ratios and each count's error against the truth.
 * Also times stuck, the first failed page and {@code failed --group} at each size.
 * <p>
 * {@code .ci/bench-counts 100000,1000000,10000000}
 */
public final class CountBenchmark {

    private static final int ROUNDS = 5;
    private static final long QUEUED = 5_000;
    private static final long PROCESSING = 1_000;
    private static final long PAUSED = 2_000;
    private static final long FAILED = 10_000;
    private static final List<CanonicalState> SHOWN = List.of(CanonicalState.QUEUED, CanonicalState.RUNNING,
            CanonicalState.PAUSED, CanonicalState.FAILED, CanonicalState.SUCCEEDED);

    private CountBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long[] sizes = Arrays.stream(System.getProperty("bench.sizes", "100000,1000000").split(","))
                .map(String::trim).mapToLong(Long::parseLong).toArray();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setCleanDataDirectory(true)
                .setServerConfig("shared_buffers", "256MB").setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "30min").start()) {
            // A pool, as the console has: opening a connection per query would cost more than most of the queries.
            com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            config.setMaximumPoolSize(2);
            com.zaxxer.hikari.HikariDataSource db = new com.zaxxer.hikari.HikariDataSource(config);
            System.out.println(version(db) + ", " + Runtime.getRuntime().availableProcessors() + " cores; "
                    + ROUNDS + " rounds per approach; times are medians of wall-clock milliseconds per refresh "
                    + "seen by the client on localhost\n");
            List<String> table = new ArrayList<>();
            table.add("| rows | approach | ms (median) | × naive | × GoodJob | queued (truth " + QUEUED
                    + ") | error queued / running / paused / failed / succeeded |");
            table.add("|---|---|---|---|---|---|---|");
            List<String> pages = new ArrayList<>();
            for (long size : sizes) {
                long built = System.nanoTime();
                build(db, size);
                System.err.printf("built %,d rows in %d s%n", size, (System.nanoTime() - built) / 1_000_000_000);
                run(db, size, table, pages);
            }
            table.forEach(System.out::println);
            System.out.println();
            System.out.println("| rows | stuck | failed, first page | failed --group (latest " + FailedReader.GROUP_SCAN_LIMIT
                    + ") | failed --group, last 1 h |");
            System.out.println("|---|---|---|---|---|");
            pages.forEach(System.out::println);
            db.close();
        }
    }

    private static void run(DataSource db, long size, List<String> table, List<String> pages) throws Exception {
        Map<CanonicalState, Long> truth = naive(db);
        Binding binding = binding(db);
        Map<String, double[]> times = new LinkedHashMap<>();
        Map<String, Map<CanonicalState, Long>> shown = new LinkedHashMap<>();
        StatusReader pitwall = new StatusReader();
        pitwall.read(db, List.of(binding)); // the plan checks, kept for 30 s as in the console
        for (int warm = 0; warm < 2; warm++) { // the buffer cache, as a running console has it
            naive(db);
            oban(db);
            goodJob(db);
        }
        for (int round = 0; round < ROUNDS; round++) {
            time(times, shown, "Pitwall refresh", () -> states(pitwall.read(db, List.of(binding)).queues().getFirst()));
            time(times, shown, "Pitwall, index checks included", () ->
                    states(new StatusReader().read(db, List.of(binding)).queues().getFirst()));
            time(times, shown, "naive GROUP BY", () -> naive(db));
            time(times, shown, "Oban (exact < 50k, else planner)", () -> oban(db));
            time(times, shown, "GoodJob (index count of active)", () -> goodJob(db));
        }
        double naive = median(times.get("naive GROUP BY"));
        double goodJob = median(times.get("GoodJob (index count of active)"));
        for (var entry : times.entrySet()) {
            double ms = median(entry.getValue());
            Map<CanonicalState, Long> counts = shown.get(entry.getKey());
            StringBuilder errors = new StringBuilder();
            for (CanonicalState state : SHOWN) {
                Long value = counts.get(state);
                errors.append(errors.isEmpty() ? "" : " / ").append(value == null ? "–" : error(value, truth.get(state)));
            }
            table.add(String.format("| %,d | %s | %.1f | 1/%.0f | %.1f× | %s | %s |", size, entry.getKey(), ms,
                    naive / ms, ms / goodJob, counts.get(CanonicalState.QUEUED) == null ? "–"
                            : String.format("%,d", counts.get(CanonicalState.QUEUED)), errors));
        }
        pages.add(pages(db, size, binding));
        if (Boolean.getBoolean("bench.explain")) {
            explain(db, binding);
        }
    }

    /** The plans of the queries a refresh runs, as PostgreSQL executed them (-Dbench.explain=true). */
    private static void explain(DataSource db, Binding binding) throws SQLException {
        var columns = binding.tasks();
        List<String> queries = List.of(
                io.pitwall.sql.CountQuery.where(binding.qualifiedTable(), columns, "t.\"state\" IN ('paused', 'processing', 'queued')"),
                io.pitwall.sql.CountQuery.where(binding.qualifiedTable(), columns, "t.\"state\" IN ('failed')"),
                io.pitwall.sql.CountQuery.where(binding.qualifiedTable(), columns,
                        "(t.\"state\" IN ('paused', 'processing', 'queued')) OR (t.\"state\" IN ('failed'))"));
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_seqscan = off");
                for (String sql : queries) {
                    try (ResultSet rows = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                        System.err.println(sql);
                        while (rows.next()) {
                            System.err.println("  " + rows.getString(1));
                        }
                    }
                }
            }
            c.rollback();
        }
    }

    private static String pages(DataSource db, long size, Binding binding) throws Exception {
        double[] stuck = new double[ROUNDS];
        double[] page = new double[ROUNDS];
        double[] groups = new double[ROUNDS];
        double[] recent = new double[ROUNDS];
        FailedReader failed = new FailedReader();
        TaskFilter lastHour = new TaskFilter(null, null, null, Duration.ofHours(1));
        for (int i = 0; i < ROUNDS; i++) {
            stuck[i] = millis(() -> new StuckReader().read(db, List.of(binding), List.of(), null));
            page[i] = millis(() -> failed.page(db, binding, TaskFilter.NONE, null, 200));
            groups[i] = millis(() -> failed.groups(db, binding, TaskFilter.NONE));
            recent[i] = millis(() -> failed.groups(db, binding, lastHour));
        }
        return String.format("| %,d | %.1f ms | %.1f ms | %.1f ms | %.1f ms |", size, median(stuck), median(page),
                median(groups), median(recent));
    }

    private interface Read {
        Object run() throws Exception;
    }

    private static double millis(Read read) throws Exception {
        long start = System.nanoTime();
        read.run();
        return (System.nanoTime() - start) / 1e6;
    }

    @SuppressWarnings("unchecked")
    private static void time(Map<String, double[]> times, Map<String, Map<CanonicalState, Long>> shown, String name,
                             Read read) throws Exception {
        double[] series = times.computeIfAbsent(name, n -> new double[ROUNDS]);
        long start = System.nanoTime();
        Object counts = read.run();
        double ms = (System.nanoTime() - start) / 1e6;
        for (int i = 0; i < ROUNDS; i++) {
            if (series[i] == 0) {
                series[i] = ms;
                break;
            }
        }
        shown.put(name, (Map<CanonicalState, Long>) counts);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String error(long shown, long truth) {
        return shown == truth ? "0" : String.format("%+.1f %%", 100.0 * (shown - truth) / Math.max(1, truth));
    }

    private static Map<CanonicalState, Long> states(QueueStatus status) {
        Map<CanonicalState, Long> counts = new EnumMap<>(CanonicalState.class);
        SHOWN.forEach(s -> counts.put(s, status.counts().get(s)));
        return counts;
    }

    private static CanonicalState canonical(String raw) {
        return switch (raw) {
            case "queued" -> CanonicalState.QUEUED;
            case "processing" -> CanonicalState.RUNNING;
            case "paused" -> CanonicalState.PAUSED;
            case "failed" -> CanonicalState.FAILED;
            case "completed" -> CanonicalState.SUCCEEDED;
            default -> CanonicalState.UNKNOWN;
        };
    }

    private static Map<CanonicalState, Long> naive(DataSource db) throws SQLException {
        Map<CanonicalState, Long> counts = new EnumMap<>(CanonicalState.class);
        SHOWN.forEach(s -> counts.put(s, 0L));
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT kind, state, count(*) FROM shithub.jobs GROUP BY 1, 2")) {
            while (rows.next()) {
                counts.merge(canonical(rows.getString(2)), rows.getLong(3), Long::sum);
            }
        }
        return counts;
    }

    /** Oban Web's way: per state, the planner's estimate; an exact count where the estimate is below 50,000. */
    private static Map<CanonicalState, Long> oban(DataSource db) throws SQLException {
        Map<CanonicalState, Long> counts = new EnumMap<>(CanonicalState.class);
        try (Connection c = db.getConnection()) {
            for (String state : List.of("queued", "processing", "paused", "failed", "completed")) {
                long estimate;
                try (PreparedStatement s = c.prepareStatement(
                        "EXPLAIN SELECT 1 FROM shithub.jobs WHERE state = '" + state + "'");
                     ResultSet rows = s.executeQuery()) {
                    rows.next();
                    String line = rows.getString(1);
                    estimate = Long.parseLong(line.replaceAll(".*rows=([0-9]+).*", "$1"));
                }
                if (estimate < 50_000) {
                    try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM shithub.jobs WHERE state = ?")) {
                        s.setString(1, state);
                        try (ResultSet rows = s.executeQuery()) {
                            rows.next();
                            estimate = rows.getLong(1);
                        }
                    }
                }
                counts.merge(canonical(state), estimate, Long::sum);
            }
        }
        return counts;
    }

    /** GoodJob's way: count only the active states, which its partial indexes hold. */
    private static Map<CanonicalState, Long> goodJob(DataSource db) throws SQLException {
        Map<CanonicalState, Long> counts = new EnumMap<>(CanonicalState.class);
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT state, count(*) FROM shithub.jobs "
                     + "WHERE state IN ('queued', 'processing', 'paused') GROUP BY 1")) {
            while (rows.next()) {
                counts.merge(canonical(rows.getString(1)), rows.getLong(2), Long::sum);
            }
        }
        return counts;
    }

    private static Binding binding(DataSource db) throws SQLException {
        try (Connection c = db.getConnection()) {
            return new CatalogDetector(new ProfileLoader().load(null).profiles()).detect(c).forProfile("shithub")
                    .getFirst();
        }
    }

    /** The history first (completed, failed spread through it), the live rows last, as a queue grows. */
    private static void build(DataSource db, long size) throws SQLException, IOException {
        long history = size - QUEUED - PROCESSING - PAUSED;
        long failedEvery = Math.max(1, history / FAILED);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS shithub CASCADE");
            s.execute(resource("/io/pitwall/demo/shithub.sql"));
            s.execute("DROP INDEX shithub.jobs_state_kind_idx");
            s.execute(String.format("""
                    INSERT INTO shithub.jobs (kind, state, last_error, created_at, updated_at)
                    SELECT (ARRAY['repo.push','search.reindex','notify.fanout','repo.archive'])[1 + i %% 4],
                           CASE WHEN i %% %1$d = 0 THEN 'failed' ELSE 'completed' END,
                           CASE WHEN i %% %1$d = 0 THEN 'open /data/repos/' || (i %% 97) || '.git: no space left on device' END,
                           now() - make_interval(secs => (%2$d - i) / 10.0), now() - make_interval(secs => (%2$d - i) / 10.0)
                      FROM generate_series(1, %2$d) i
                    """, failedEvery, history));
            s.execute(String.format("""
                    INSERT INTO shithub.jobs (kind, state, leased_by, leased_at)
                    SELECT (ARRAY['repo.push','search.reindex','notify.fanout','repo.archive'])[1 + i %% 4],
                           CASE WHEN i <= %1$d THEN 'queued' WHEN i <= %2$d THEN 'processing' ELSE 'paused' END,
                           CASE WHEN i > %1$d AND i <= %2$d THEN 'worker-' || (i %% 7) || ':42' END,
                           CASE WHEN i > %1$d AND i <= %2$d THEN now() - make_interval(secs => i %% 900) END
                      FROM generate_series(1, %3$d) i
                    """, QUEUED, QUEUED + PROCESSING, QUEUED + PROCESSING + PAUSED));
            s.execute("CREATE INDEX jobs_state_kind_idx ON shithub.jobs (state, kind, run_at)");
            s.execute("""
                    CREATE INDEX jobs_failed_recent_idx ON shithub.jobs
                      (coalesce(updated_at::timestamptz, created_at::timestamptz, 'epoch'::timestamptz) DESC, id DESC)
                      WHERE state = 'failed'""");
            s.execute("VACUUM ANALYZE shithub.jobs");
        }
    }

    private static String version(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT version()")) {
            rows.next();
            return rows.getString(1).replaceAll(" on .*", "");
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CountBenchmark.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
