package io.pitwall.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

/**
 * Procrastinate (procrastinate-org/procrastinate f099a753) in schema public, worked only through its own functions:
 * procrastinate_defer_jobs_v1, procrastinate_fetch_job_v2, procrastinate_finish_job_v1, procrastinate_retry_job_v1
 * and the worker heartbeat functions. One worker stopped sending heartbeats with a job in hand; its job stays
 * 'doing' until someone retries it as stalled.
 */
final class ProcrastinateDemo implements DemoSystem {

    private static final List<String> QUEUES = List.of("default", "emails", "imports");
    private static final List<String> TASKS = List.of("app.tasks.send_welcome", "app.tasks.send_welcome",
            "app.tasks.import_csv", "app.tasks.refresh_search_index");
    private long[] workers = new long[2];

    @Override
    public String profileId() {
        return "procrastinate";
    }

    @Override
    public void createSchema(Connection connection) throws SQLException {
        Jdbc.script(connection, "/io/pitwall/demo/procrastinate.sql");
    }

    @Override
    public void seed(Connection connection, Random random) throws SQLException {
        long dead = register(connection);
        workers[0] = register(connection);
        workers[1] = register(connection);
        for (int i = 0; i < 120; i++) {
            defer(connection, random, null);
        }
        for (int i = 0; i < 100; i++) {
            fetchAndFinish(connection, random, workers[i % 2], i % 25 == 0 ? "failed" : "succeeded");
        }
        // The dead worker's last job, and its heartbeat eight minutes ago.
        Jdbc.call(connection, "SELECT procrastinate_fetch_job_v2(NULL, ?)", dead);
        Jdbc.update(connection, "UPDATE procrastinate_workers SET last_heartbeat = now() - interval '8 minutes' WHERE id = ?", dead);
        Jdbc.update(connection, "UPDATE procrastinate_events SET at = at - make_interval(secs => 3600 - id) "
                + "WHERE at > now() - interval '1 minute'");
        for (int i = 0; i < 3; i++) {
            defer(connection, random, "now() + interval '20 minutes'");
        }
    }

    private static long register(Connection connection) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT worker_id FROM procrastinate_register_worker_v1()");
             var rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void defer(Connection connection, Random random, String scheduledAt) throws SQLException {
        Jdbc.call(connection, "SELECT procrastinate_defer_jobs_v1(ARRAY[ROW(?, ?, 0, NULL, NULL, jsonb_build_object('user_id', ?::int), "
                + (scheduledAt == null ? "NULL" : scheduledAt) + ")::procrastinate_job_to_defer_v1])",
                QUEUES.get(random.nextInt(QUEUES.size())), TASKS.get(random.nextInt(TASKS.size())), random.nextInt(5000));
    }

    private static void fetchAndFinish(Connection connection, Random random, long worker, String status) throws SQLException {
        Long id = null;
        try (var statement = connection.prepareStatement("SELECT (procrastinate_fetch_job_v2(NULL, ?)).id")) {
            statement.setLong(1, worker);
            try (var rows = statement.executeQuery()) {
                if (rows.next()) {
                    id = (Long) rows.getObject(1);
                }
            }
        }
        if (id == null) {
            return;
        }
        if (status.equals("retry")) {
            Jdbc.call(connection, "SELECT procrastinate_retry_job_v1(?, now() + make_interval(secs => ?), NULL, NULL, NULL)",
                    id, 10 + random.nextInt(60));
        } else {
            Jdbc.call(connection, "SELECT procrastinate_finish_job_v1(?, ?::procrastinate_job_status, false)", id, status);
        }
    }

    @Override
    public void tick(Connection connection, Random random) throws SQLException {
        for (int i = random.nextInt(3); i > 0; i--) {
            defer(connection, random, null);
        }
        for (long worker : workers) {
            Jdbc.call(connection, "SELECT procrastinate_update_heartbeat_v1(?)", worker);
            int roll = random.nextInt(10);
            fetchAndFinish(connection, random, worker, roll == 0 ? "failed" : roll == 1 ? "retry" : "succeeded");
        }
    }
}
