package io.pitwall.bench;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.runbook.ActionListener;
import io.pitwall.runbook.ActionPreview;
import io.pitwall.runbook.ActionRequest;
import io.pitwall.runbook.ActionResult;
import io.pitwall.runbook.Runbook;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bulk {@code act} under load ({@code BENCH_EXTRA=act}): 100,000 queued rows of one kind are paused through the
 * runbook (preview, then batches, with the audit) while four workers claim jobs with {@code FOR UPDATE SKIP LOCKED}
 * and finish them, one of them from the very kind being paused. Prints the act's duration, the workers' claim
 * latency (before and during the act) and the longest lock wait any session had, sampled every 10 ms from
 * pg_stat_activity. The rows it added are deleted afterwards and the table vacuumed.
 */
final class ActUnderLoad {

    static final int ROWS = 100_000;
    private static final String KIND = "bulk.pause";
    private static final String CLAIM = """
            UPDATE shithub.jobs SET state = 'processing', leased_by = ?, leased_at = now(), updated_at = now()
             WHERE id = (SELECT id FROM shithub.jobs WHERE state = 'queued' AND kind = ? AND run_at <= now()
                          ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id""";

    private ActUnderLoad() {
    }

    static String run(DataSource db, MonitorSession session, long size) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO shithub.jobs (kind, state) SELECT '" + KIND + "', 'queued' FROM generate_series(1, "
                    + ROWS + ")");
            s.execute("ANALYZE shithub.jobs");
        }
        AtomicBoolean stop = new AtomicBoolean();
        List<double[]> claims = Collections.synchronizedList(new ArrayList<>()); // {at ms, took ms}
        List<Thread> workers = new ArrayList<>();
        String[] kinds = {"repo.push", "search.reindex", "notify.fanout", KIND};
        for (int w = 0; w < kinds.length; w++) {
            String kind = kinds[w];
            String name = "bench-worker-" + w;
            workers.add(Thread.ofPlatform().daemon().start(() -> work(db, name, kind, stop, claims)));
        }
        LockWaits waits = new LockWaits(db, stop);
        Thread sampler = Thread.ofPlatform().daemon().start(waits);
        long origin = System.nanoTime();
        Thread.sleep(3_000); // the workers alone, as the baseline
        double actStart = (System.nanoTime() - origin) / 1e6;
        Runbook runbook = new Runbook(session);
        List<ActionPreview> previews = runbook.preview(new ActionRequest("shithub", "pause-kind", List.of(), KIND,
                null, false, Map.of(), "benchmark: bulk pause under load", false, null));
        double previewed = (System.nanoTime() - origin) / 1e6;
        ActionResult result = runbook.execute(previews, ActionListener.NONE);
        double actEnd = (System.nanoTime() - origin) / 1e6;
        Thread.sleep(500);
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        sampler.join();
        List<Double> before = new ArrayList<>();
        List<Double> during = new ArrayList<>();
        synchronized (claims) {
            for (double[] claim : claims) {
                (claim[0] < actStart ? before : claim[0] <= actEnd ? during : new ArrayList<Double>()).add(claim[1]);
            }
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM shithub.jobs WHERE kind = '" + KIND + "'");
            s.execute("VACUUM ANALYZE shithub.jobs");
        }
        return String.format("| %,d | %,d matched, %,d applied, %,d skipped | %.1f s (preview %.1f s) | %,d claims: "
                        + "p50 %.1f ms, p99 %.1f ms | %,d claims: p50 %.1f ms, p99 %.1f ms, max %.1f ms | %.0f ms |",
                size, result.matched(), result.applied(), result.skipped().size(), (actEnd - actStart) / 1000,
                (previewed - actStart) / 1000, before.size(), percentile(before, 50), percentile(before, 99),
                during.size(), percentile(during, 50), percentile(during, 99), percentile(during, 100), waits.longest());
    }

    static String header() {
        return "| rows | act pause-kind of " + String.format("%,d", ROWS) + " rows | act duration | worker claims before "
                + "the act | worker claims during the act | longest lock wait |\n|---|---|---|---|---|---|";
    }

    /** Claims the oldest queued job of its kind, then finishes it and enqueues another, as a worker would. */
    private static void work(DataSource db, String name, String kind, AtomicBoolean stop, List<double[]> claims) {
        long origin = System.nanoTime();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement claim = c.prepareStatement(CLAIM);
                 PreparedStatement finish = c.prepareStatement(
                         "UPDATE shithub.jobs SET state = 'completed', updated_at = now() WHERE id = ?");
                 PreparedStatement enqueue = c.prepareStatement(
                         "INSERT INTO shithub.jobs (kind, state) VALUES (?, 'queued')")) {
                while (!stop.get()) {
                    long start = System.nanoTime();
                    claim.setString(1, name);
                    claim.setString(2, kind);
                    Long id = null;
                    try (ResultSet rows = claim.executeQuery()) {
                        if (rows.next()) {
                            id = rows.getLong(1);
                        }
                    }
                    c.commit();
                    claims.add(new double[]{(start - origin) / 1e6, (System.nanoTime() - start) / 1e6});
                    if (id != null) {
                        finish.setLong(1, id);
                        finish.executeUpdate();
                        if (!kind.equals(KIND)) {
                            enqueue.setString(1, kind);
                            enqueue.executeUpdate();
                        }
                        c.commit();
                    }
                    Thread.sleep(5);
                }
            }
        } catch (SQLException | InterruptedException e) {
            System.err.println(name + ": " + e);
        }
    }

    private static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** Every 10 ms, which sessions wait for a lock; a wait lasts from the first sample that saw it to the last. */
    private static final class LockWaits implements Runnable {
        private final DataSource db;
        private final AtomicBoolean stop;
        private final Map<String, long[]> open = new HashMap<>();
        private volatile double longest;

        LockWaits(DataSource db, AtomicBoolean stop) {
            this.db = db;
            this.stop = stop;
        }

        @Override
        public void run() {
            try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                    "SELECT pid::text || '/' || coalesce(query_start::text, '') FROM pg_stat_activity "
                            + "WHERE wait_event_type = 'Lock'")) {
                while (!stop.get()) {
                    long now = System.nanoTime();
                    java.util.Set<String> seen = new java.util.HashSet<>();
                    try (ResultSet rows = s.executeQuery()) {
                        while (rows.next()) {
                            seen.add(rows.getString(1));
                        }
                    }
                    for (String wait : seen) {
                        open.computeIfAbsent(wait, w -> new long[]{now, now})[1] = now;
                    }
                    open.entrySet().removeIf(e -> {
                        longest = Math.max(longest, (e.getValue()[1] - e.getValue()[0]) / 1e6);
                        return !seen.contains(e.getKey());
                    });
                    Thread.sleep(10);
                }
            } catch (SQLException | InterruptedException e) {
                System.err.println("lock sampler: " + e);
            }
        }

        double longest() {
            return longest;
        }
    }
}
