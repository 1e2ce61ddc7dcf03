package io.pitwall.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Real Absurd: per-queue tables driven only through its stored procedures (absurd.sql), as an SDK worker would.
 * Now and then an imaging worker dies holding runs; their leases expire and stay "running" until the next claim
 * on that queue sweeps them (expiry is lazy), using up an attempt.
 */
final class AbsurdDemo implements DemoSystem {

    static final List<String> QUEUES = List.of("imaging", "alerts", "reports");
    private static final List<String> IMAGING = List.of("convert-uvh5", "calibration-solve", "calibration-apply",
            "imaging", "mosaic");
    private static final List<String> ALERTS = List.of("send-email", "post-slack", "page-oncall");

    private final String[] imagingWorkers = {"lxd110h17:3120", "lxd110h18:3377"};
    private final String[] alertWorkers = {"ops-notify-1:911"};
    private final String[] reportWorkers = {"lxd110h20:7001"};
    private int mosaic = 4100;

    @Override
    public String profileId() {
        return "absurd";
    }

    @Override
    public void createSchema(Connection connection) throws SQLException {
        Jdbc.script(connection, "/io/pitwall/demo/absurd.sql");
        for (String queue : QUEUES) {
            Jdbc.call(connection, "SELECT absurd.create_queue(?)", queue);
        }
    }

    @Override
    public void seed(Connection connection, Random random) throws SQLException {
        // Failures that used up their attempts, first, so the claims below take exactly these tasks.
        failForGood(connection, "imaging", "calibration-solve",
                "ValueError: No calibrator registered for Dec +41.2 deg");
        failForGood(connection, "imaging", "convert-uvh5",
                "FileNotFoundError: [Errno 2] No such file or directory: '/data/incoming/2025-11-19T03:05:00_sb07.uvh5'");
        failForGood(connection, "alerts", "page-oncall",
                "smtplib.SMTPServerDisconnected: Connection unexpectedly closed");
        failForGood(connection, "reports", "nightly-summary",
                "OSError: [Errno 28] No space left on device: '/stage/reports/2025-11-18.pdf'");
        for (int i = 0; i < 90; i++) {
            spawnImaging(connection, random);
        }
        for (int i = 0; i < 60; i++) {
            spawnAlert(connection, random);
        }
        for (int i = 0; i < 12; i++) {
            spawnReport(connection, random);
        }
        // Work the history through with the real procedures, then spread it over the last hour.
        for (int round = 0; round < 6; round++) {
            for (String queue : QUEUES) {
                for (Claimed run; (run = claim(connection, queue, "lxd110h1" + round + ":" + (2000 + round), 120)) != null; ) {
                    finish(connection, random, queue, run, 6);
                }
                Jdbc.update(connection, ("UPDATE absurd.\"r_%s\" SET available_at = now() WHERE state = 'sleeping' "
                        + "AND wake_event IS NULL").formatted(queue));
            }
        }
        for (String queue : QUEUES) {
            backdate(connection, queue);
        }
        // Work in flight when the demo opens, held by the live workers.
        for (int i = 0; i < 2; i++) {
            spawnImaging(connection, random);
            spawnAlert(connection, random);
            spawnReport(connection, random);
            claim(connection, "imaging", imagingWorkers[i], 120);
            claim(connection, "alerts", alertWorkers[0], 120);
            claim(connection, "reports", reportWorkers[0], 120);
        }
        for (int i = 0; i < 3; i++) {
            spawnReport(connection, random);
        }
    }

    private static void failForGood(Connection connection, String queue, String taskName, String error)
            throws SQLException {
        Jdbc.call(connection, "SELECT * FROM absurd.spawn_task(?, ?, '{}', '{\"max_attempts\": 1}')", queue, taskName);
        Claimed run = claim(connection, queue, "lxd110h15:1999", 120);
        Jdbc.call(connection, "SELECT absurd.fail_run(?, ?, jsonb_build_object('name', ?::text, 'message', ?::text))",
                queue, run.runId(), error.substring(0, error.indexOf(':')), error);
    }

    private static void spawnReport(Connection connection, Random random) throws SQLException {
        Jdbc.call(connection, "SELECT * FROM absurd.spawn_task('reports', ?, jsonb_build_object('night', ?::text), "
                        + "'{\"max_attempts\": 2, \"retry_strategy\": {\"kind\": \"fixed\", \"base_seconds\": 10}}')",
                List.of("nightly-summary", "calibrator-drift", "disk-usage").get(random.nextInt(3)),
                "2025-11-" + (10 + random.nextInt(10)));
    }

    /** Spreads finished tasks over the last hour, with plausible run durations, keyed by id so it is repeatable. */
    private static void backdate(Connection connection, String queue) throws SQLException {
        String offset = "make_interval(secs => 120 + abs(hashtext(%s::text)) %% 3400)";
        String duration = "make_interval(secs => 3 + abs(hashtext(r.run_id::text)) % 90)";
        Jdbc.update(connection, ("UPDATE absurd.\"r_%s\" r SET created_at = r.created_at - %s, "
                + "available_at = r.available_at - %s, started_at = r.started_at - %s, "
                + "completed_at = r.completed_at - %s + %s, failed_at = r.failed_at - %s + %s "
                + "FROM absurd.\"t_%s\" t WHERE t.task_id = r.task_id AND t.state IN ('completed', 'failed', 'cancelled')")
                .formatted(queue, offset.formatted("t.task_id"), offset.formatted("t.task_id"),
                        offset.formatted("t.task_id"), offset.formatted("t.task_id"), duration,
                        offset.formatted("t.task_id"), duration, queue));
        Jdbc.update(connection, ("UPDATE absurd.\"t_%s\" t SET enqueue_at = t.enqueue_at - %s, "
                + "first_started_at = t.first_started_at - %s, cancelled_at = t.cancelled_at - %s "
                + "WHERE t.state IN ('completed', 'failed', 'cancelled')")
                .formatted(queue, offset.formatted("t.task_id"), offset.formatted("t.task_id"),
                        offset.formatted("t.task_id")));
        Jdbc.update(connection, ("UPDATE absurd.\"c_%s\" c SET updated_at = c.updated_at - %s FROM absurd.\"t_%s\" t "
                + "WHERE t.task_id = c.task_id AND t.state IN ('completed', 'failed', 'cancelled')")
                .formatted(queue, offset.formatted("t.task_id"), queue));
    }

    private void spawnImaging(Connection connection, Random random) throws SQLException {
        String step = IMAGING.get(random.nextInt(IMAGING.size()));
        // A missing calibrator does not fix itself: calibration-solve is not retried.
        String retry = step.equals("calibration-solve") ? "{\"kind\": \"none\"}"
                : "{\"kind\": \"exponential\", \"base_seconds\": 5, \"factor\": 2, \"max_seconds\": 60}";
        Jdbc.call(connection, """
                SELECT * FROM absurd.spawn_task('imaging', ?, jsonb_build_object('mosaic_id', ?::int,
                       'dec_deg', ?::numeric, 'files', 10),
                       jsonb_build_object('max_attempts', 3, 'retry_strategy', ?::jsonb))
                """, step, mosaic++, Math.round((random.nextDouble() * 120 - 30) * 10) / 10.0, retry);
    }

    private static void spawnAlert(Connection connection, Random random) throws SQLException {
        Jdbc.call(connection, """
                SELECT * FROM absurd.spawn_task('alerts', ?, jsonb_build_object('to', ?::text, 'subject', ?::text),
                       '{"max_attempts": 5, "retry_strategy": {"kind": "fixed", "base_seconds": 4}}')
                """, ALERTS.get(random.nextInt(ALERTS.size())),
                List.of("oncall@dsa110.org", "#dsa110-ops", "pipeline-team@dsa110.org").get(random.nextInt(3)),
                List.of("mosaic ready", "calibration drift", "disk usage 91%", "nightly digest").get(random.nextInt(4)));
    }

    private record Claimed(UUID runId, UUID taskId, int attempt, String taskName) {
    }

    private static Claimed claim(Connection connection, String queue, String worker, int timeout) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT run_id, task_id, attempt, task_name FROM absurd.claim_task(?, ?, ?, 1)")) {
            statement.setString(1, queue);
            statement.setString(2, worker);
            statement.setInt(3, timeout);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? new Claimed(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                        rows.getInt(3), rows.getString(4)) : null;
            }
        }
    }

    /** What a worker does with a run it holds: mostly complete it, sometimes fail, sleep or wait for an event. */
    private static void finish(Connection connection, Random random, String queue, Claimed run, int failOneIn)
            throws SQLException {
        int roll = random.nextInt(100);
        if (roll < 100 / failOneIn) {
            String error = switch (queue) {
                case "imaging" -> Dsa110Demo.error(random, "2025-11-19T0" + random.nextInt(10) + ":00:00");
                case "reports" -> "OSError: [Errno 28] No space left on device: '/stage/reports/summary.pdf'";
                default -> "smtplib.SMTPServerDisconnected: Connection unexpectedly closed";
            };
            Jdbc.call(connection, "SELECT absurd.fail_run(?, ?, jsonb_build_object('name', ?::text, 'message', ?::text))",
                    queue, run.runId(), error.substring(0, error.indexOf(':')), error);
        } else if (roll < 100 / failOneIn + 6 && queue.equals("imaging") && run.taskName().equals("mosaic")) {
            Jdbc.call(connection, "SELECT absurd.await_event(?, ?, ?, 'calibrator', ?, 30)", queue, run.taskId(),
                    run.runId(), "calibrator-registered:" + (random.nextInt(5) * 15));
        } else if (roll < 100 / failOneIn + 10) {
            Jdbc.call(connection, "SELECT absurd.schedule_run(?, ?, now() + make_interval(secs => ?))", queue,
                    run.runId(), 6 + random.nextInt(10));
        } else {
            if (queue.equals("imaging")) {
                Jdbc.call(connection, "SELECT absurd.set_task_checkpoint_state(?, ?, ?, '{\"ok\": true}', ?)", queue,
                        run.taskId(), run.taskName() + ":done", run.runId());
            }
            Jdbc.call(connection, "SELECT absurd.complete_run(?, ?, jsonb_build_object('ok', true, 'attempt', ?::int))",
                    queue, run.runId(), run.attempt());
        }
    }

    @Override
    public void tick(Connection connection, Random random) throws SQLException {
        if (random.nextInt(2) == 0) {
            spawnImaging(connection, random);
        }
        if (random.nextInt(2) == 0) {
            spawnAlert(connection, random);
        }
        if (random.nextInt(12) == 0) {
            Jdbc.call(connection, "SELECT absurd.emit_event('imaging', ?, jsonb_build_object('calibrator', ?::text))",
                    "calibrator-registered:" + (random.nextInt(5) * 15), "3C" + (48 + random.nextInt(400)));
        }
        if (random.nextInt(3) == 0) {
            spawnReport(connection, random);
        }
        work(connection, random, "imaging", imagingWorkers, 5);
        work(connection, random, "alerts", alertWorkers, 4);
        work(connection, random, "reports", reportWorkers, 6);
        if (random.nextInt(150) == 0) {
            // A worker process dies holding a run; its lease expires and the next claim on the queue sweeps it.
            int which = random.nextInt(imagingWorkers.length);
            imagingWorkers[which] = imagingWorkers[which].substring(0, imagingWorkers[which].indexOf(':') + 1)
                    + (3000 + random.nextInt(60000));
        }
    }

    private static void work(Connection connection, Random random, String queue, String[] workers, int seconds)
            throws SQLException {
        for (String worker : workers) {
            claim(connection, queue, worker, 120);
            for (Claimed run : held(connection, queue, worker, seconds)) {
                try {
                    finish(connection, random, queue, run, 10);
                } catch (SQLException e) {
                    // AB001/AB002: an operator cancelled the task or its lease was swept; a real worker drops it too.
                }
            }
            // The SDK heartbeat: a live worker keeps extending the leases it holds.
            Jdbc.call(connection, ("SELECT absurd.extend_claim(?, run_id, 120) FROM absurd.\"r_%s\" "
                    + "WHERE state = 'running' AND claimed_by = ?").formatted(queue), queue, worker);
        }
    }

    private static List<Claimed> held(Connection connection, String queue, String worker, int seconds)
            throws SQLException {
        List<Claimed> runs = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(("""
                SELECT r.run_id, r.task_id, r.attempt, t.task_name FROM absurd."r_%1$s" r
                  JOIN absurd."t_%1$s" t ON t.task_id = r.task_id
                 WHERE r.state = 'running' AND r.claimed_by = ? AND r.started_at < now() - make_interval(secs => ?)
                """).formatted(queue))) {
            statement.setString(1, worker);
            statement.setInt(2, seconds);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    runs.add(new Claimed(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class), rows.getInt(3),
                            rows.getString(4)));
                }
            }
        }
        return runs;
    }
}
