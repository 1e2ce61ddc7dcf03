package io.pitwall.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

/**
 * DSA-110's absurd.t_tasks with workers that behave like its claim_task/heartbeat_task/fail_task functions:
 * ten-file mosaic groups flow through conversion, calibration, imaging and mosaicking.
 */
final class Dsa110Demo implements DemoSystem {

    private static final String QUEUE = "dsa110-pipeline";
    private static final List<String> STEPS = List.of(
            "convert-uvh5", "calibration-solve", "calibration-apply", "imaging", "mosaic", "validation");
    private static final DateTimeFormatter GROUP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private final String[] liveWorkers = {"lxd110h17-3f9a2c1e", "lxd110h18-b04d77a2", "lxd110h19-5e61c0d9",
        "lxd110h20-0c4be913"};
    private LocalDateTime nextGroup = LocalDateTime.of(2025, 11, 19, 3, 0);

    @Override
    public String profileId() {
        return "dsa110-absurd";
    }

    @Override
    public void createSchema(Connection connection) throws SQLException {
        Jdbc.script(connection, "/io/pitwall/demo/dsa110-absurd.sql");
    }

    static String error(Random random, String group) {
        return switch (random.nextInt(4)) {
            case 0 -> "FileNotFoundError: [Errno 2] No such file or directory: '/data/incoming/" + group + "_sb"
                    + String.format("%02d", random.nextInt(16)) + ".uvh5'";
            case 1 -> "ValueError: No calibrator registered for Dec " + (random.nextBoolean() ? "+" : "-")
                    + (10 + random.nextInt(60)) + "." + random.nextInt(100) + " deg";
            case 2 -> "OSError: [Errno 28] No space left on device: '/stage/dsa110-contimg/raw/ms/" + group + ".ms'";
            default -> "RuntimeError: SEVERE msmetadata_cmpt.cc::open Exception Reported: Table /stage/dsa110-contimg/raw/ms/"
                    + group + ".ms does not exist";
        };
    }

    @Override
    public void seed(Connection connection, Random random) throws SQLException {
        for (int g = 0; g < 14; g++) {
            String group = newGroup();
            int ageMinutes = 70 - g * 5;
            for (int s = 0; s < STEPS.size(); s++) {
                boolean failed = random.nextInt(12) == 0;
                Jdbc.update(connection, """
                        INSERT INTO absurd.t_tasks (queue_name, task_name, params, priority, status, created_at,
                               claimed_at, completed_at, worker_id, error, retry_count, last_heartbeat, result)
                        VALUES (?, ?, jsonb_build_object('group_id', ?::text, 'files', 10), ?, ?,
                                now() - make_interval(mins => ?), now() - make_interval(mins => ?),
                                now() - make_interval(mins => ?), ?, ?, ?, now() - make_interval(mins => ?),
                                CASE WHEN ? THEN NULL ELSE '{"ok": true}'::jsonb END)
                        """, QUEUE, STEPS.get(s), group, STEPS.get(s).startsWith("calibration") ? 10 : 0,
                        failed ? "failed" : "completed", ageMinutes, ageMinutes - s, ageMinutes - s - 1,
                        liveWorkers[random.nextInt(liveWorkers.length)], failed ? error(random, group) : null,
                        failed ? 3 : 0, ageMinutes - s - 1, failed);
                if (failed) {
                    break;
                }
            }
        }
        // A worker that died mid-imaging (no heartbeat for 12 minutes) and a task claimed for over two hours.
        stuck(connection, newGroup(), "imaging", "lxd110h16-9c0e11aa", 14, 12);
        stuck(connection, newGroup(), "mosaic", "lxd110h16-9c0e11aa", 135, 131);
        for (int i = 0; i < 2; i++) {
            enqueueGroup(connection);
        }
    }

    private static void stuck(Connection connection, String group, String step, String worker, int claimedMinutes,
                              int silentMinutes) throws SQLException {
        Jdbc.update(connection, """
                INSERT INTO absurd.t_tasks (queue_name, task_name, params, status, created_at, claimed_at, worker_id,
                                            last_heartbeat, retry_count)
                VALUES (?, ?, jsonb_build_object('group_id', ?::text, 'files', 10), 'claimed',
                        now() - make_interval(mins => ?), now() - make_interval(mins => ?), ?,
                        now() - make_interval(mins => ?), 0)
                """, QUEUE, step, group, claimedMinutes + 1, claimedMinutes, worker, silentMinutes);
    }

    private String newGroup() {
        nextGroup = nextGroup.plusMinutes(5);
        return nextGroup.format(GROUP);
    }

    private void enqueueGroup(Connection connection) throws SQLException {
        Jdbc.update(connection, """
                INSERT INTO absurd.t_tasks (queue_name, task_name, params, status, priority)
                VALUES (?, 'convert-uvh5', jsonb_build_object('group_id', ?::text, 'files', 10), 'pending', 0)
                """, QUEUE, newGroup());
    }

    @Override
    public void tick(Connection connection, Random random) throws SQLException {
        // New observations arrive in bursts; the daemon holds back while the queue is deep.
        if (random.nextInt(4) == 0 && pending(connection) < 30) {
            enqueueGroup(connection);
        }
        for (String worker : liveWorkers) {
            Jdbc.update(connection, "UPDATE absurd.t_tasks SET last_heartbeat = now() WHERE status = 'claimed' AND worker_id = ?",
                    worker);
            // A worker runs one task at a time (claim_task is called when the previous one is done).
            Jdbc.update(connection, """
                    UPDATE absurd.t_tasks SET status = 'claimed', worker_id = ?, claimed_at = now(), last_heartbeat = now()
                     WHERE task_id = (SELECT task_id FROM absurd.t_tasks WHERE queue_name = ? AND status = 'pending'
                                      ORDER BY priority DESC, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
                       AND NOT EXISTS (SELECT 1 FROM absurd.t_tasks WHERE status = 'claimed' AND worker_id = ?)
                    """, worker, QUEUE, worker);
            finishOne(connection, random, worker);
        }
        if (random.nextInt(120) == 0) {
            // A worker process dies; its claimed tasks stop heart-beating. systemd restarts it under a new id.
            int which = random.nextInt(liveWorkers.length);
            liveWorkers[which] = liveWorkers[which].substring(0, 10) + Integer.toHexString(0x10000000 + random.nextInt(0x6fffffff));
        }
    }

    private static int pending(Connection connection) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT count(*) FROM absurd.t_tasks WHERE status = 'pending'");
             var rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void finishOne(Connection connection, Random random, String worker) throws SQLException {
        var done = connection.prepareStatement("""
                SELECT task_id, task_name, params->>'group_id' FROM absurd.t_tasks
                 WHERE status = 'claimed' AND worker_id = ? AND claimed_at < now() - interval '2 seconds'
                 LIMIT 1 FOR UPDATE SKIP LOCKED
                """);
        done.setString(1, worker);
        try (done; var rows = done.executeQuery()) {
            if (!rows.next()) {
                return;
            }
            Object taskId = rows.getObject(1);
            String step = rows.getString(2);
            String group = rows.getString(3);
            if (random.nextInt(8) == 0) {
                // fail_task: retry while retries remain, then fail for good.
                Jdbc.update(connection, """
                        UPDATE absurd.t_tasks SET retry_count = retry_count + 1, claimed_at = NULL, worker_id = NULL,
                               error = ?, status = CASE WHEN retry_count + 1 < max_retries THEN 'pending' ELSE 'failed' END,
                               completed_at = CASE WHEN retry_count + 1 < max_retries THEN NULL ELSE now() END
                         WHERE task_id = ?
                        """, error(random, group), taskId);
                return;
            }
            Jdbc.update(connection, "UPDATE absurd.t_tasks SET status = 'completed', completed_at = now(), "
                    + "result = '{\"ok\": true}' WHERE task_id = ?", taskId);
            int next = STEPS.indexOf(step) + 1;
            if (next < STEPS.size()) {
                Jdbc.update(connection, """
                        INSERT INTO absurd.t_tasks (queue_name, task_name, params, status, priority)
                        VALUES (?, ?, jsonb_build_object('group_id', ?::text, 'files', 10), 'pending', ?)
                        """, QUEUE, STEPS.get(next), group, STEPS.get(next).startsWith("calibration") ? 10 : 0);
            }
        }
    }
}
