package io.pitwall.bench;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmark's shithub {@code jobs} tables: 5,000 queued, 1,000 processing, 2,000 paused, 10,000 failed, the rest
 * completed. Each size is kept in its own schema between runs (with {@code BENCH_DATA}); the one measured is renamed
 * {@code shithub} (and its table {@code jobs}), so detection and the queries see one table.
 */
final class BenchTables {

    static final long QUEUED = 5_000;
    static final long PROCESSING = 1_000;
    static final long PAUSED = 2_000;
    static final long FAILED = 10_000;

    private BenchTables() {
    }

    /** Makes the table of this size {@code shithub.jobs}, building it when no earlier run kept one. */
    static void use(DataSource db, long size) throws SQLException, IOException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS shithub CASCADE");
            try (ResultSet rows = s.executeQuery("SELECT 1 FROM pg_namespace WHERE nspname = 'bench_" + size + "'")) {
                if (rows.next()) {
                    s.execute("ALTER SCHEMA bench_" + size + " RENAME TO shithub");
                    s.execute("ALTER TABLE IF EXISTS shithub.kept_jobs RENAME TO jobs");
                    System.err.printf("reusing the %,d-row table%n", size);
                    return;
                }
            }
        }
        long start = System.nanoTime();
        build(db, size);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf("built %,d rows in %.0f s (%,.0f rows/s)%n", size, seconds, size / seconds);
    }

    static void keep(DataSource db, long size) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            // Renamed so that detection (which looks for a "jobs" table in every schema) sees only the one measured.
            s.execute("ALTER TABLE shithub.jobs RENAME TO kept_jobs");
            s.execute("ALTER SCHEMA shithub RENAME TO bench_" + size);
        }
    }

    /** The history first (completed, failed spread through it), the live rows last, as a queue grows. */
    private static void build(DataSource db, long size) throws SQLException, IOException {
        long history = size - QUEUED - PROCESSING - PAUSED;
        long failedEvery = Math.max(1, history / FAILED);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
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

    private static String resource(String name) throws IOException {
        try (InputStream in = BenchTables.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
