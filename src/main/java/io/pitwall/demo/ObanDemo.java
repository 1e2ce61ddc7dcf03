package io.pitwall.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

/**
 * Oban (oban-bg/oban 2939e313) with prefix {@code oban}, worked with the statements lib/oban/engines/basic.ex sends:
 * fetch_jobs (the CTE fence, SKIP LOCKED, attempt &lt; max_attempts), complete_job, error_job (errors appended,
 * retryable after a backoff), discard_job, stage_jobs, and the leader's row in oban_peers. Its Lifeline runs with a
 * rescue_after of 3 h, so a node that died an hour ago still has executing jobs: Pitwall's 1 h rule (Oban's
 * default) finds them.
 */
final class ObanDemo implements DemoSystem {

    private static final String NOW = "timezone('UTC', now())";
    private static final List<String> QUEUES = List.of("default", "mailers", "media");
    private static final List<String> WORKERS = List.of("MyApp.Workers.Mailer", "MyApp.Workers.Mailer",
            "MyApp.Workers.Thumbnail", "MyApp.Workers.WebhookDelivery");
    private static final List<String> ERRORS = List.of(
            "** (Swoosh.DeliveryError) delivery error: {:smtp, 421, \"4.7.0 Try again later\"}",
            "** (Mint.TransportError) connection closed",
            "** (Postgrex.Error) ERROR 40001 (serialization_failure) could not serialize access",
            "** (RuntimeError) ffmpeg exited with status 1: Invalid data found when processing input");
    private final String[] nodes = {"web@10.0.3.11", "worker@10.0.3.12"};

    @Override
    public String profileId() {
        return "oban";
    }

    @Override
    public void createSchema(Connection connection) throws SQLException {
        Jdbc.script(connection, "/io/pitwall/demo/oban.sql");
    }

    @Override
    public void seed(Connection connection, Random random) throws SQLException {
        for (int i = 0; i < 280; i++) {
            int ago = 100 + random.nextInt(3500);
            job(connection, random, "completed", ago, 1, null, "completed_at");
        }
        for (int i = 0; i < 5; i++) {
            job(connection, random, "discarded", 300 + random.nextInt(3000), 20, ERRORS.get(random.nextInt(ERRORS.size())), "discarded_at");
        }
        for (int i = 0; i < 4; i++) {
            job(connection, random, "retryable", 30 + random.nextInt(300), 1 + i, ERRORS.get(random.nextInt(ERRORS.size())), null);
        }
        // worker@10.0.3.13 was killed 75 minutes ago; its jobs are still executing.
        for (int i = 0; i < 2; i++) {
            Jdbc.update(connection, "INSERT INTO oban.oban_jobs (state, queue, worker, args, attempt, attempted_at, attempted_by, inserted_at) "
                    + "VALUES ('executing', 'media', 'MyApp.Workers.Thumbnail', jsonb_build_object('upload_id', ?::int), 1, "
                    + NOW + " - make_interval(mins => ?), ARRAY['worker@10.0.3.13', '5f0c2a9e'], " + NOW + " - make_interval(mins => ?))",
                    7000 + i, 75 - i * 3, 76 - i * 3);
        }
        Jdbc.update(connection, "INSERT INTO oban.oban_jobs (state, queue, worker, args, scheduled_at) VALUES "
                + "('scheduled', 'default', 'MyApp.Workers.DigestEmail', '{\"period\": \"weekly\"}', " + NOW + " + interval '40 minutes'), "
                + "('suspended', 'default', 'MyApp.Workers.WebhookDelivery', '{\"endpoint_id\": 12}', " + NOW + ")");
        Jdbc.update(connection, "INSERT INTO oban.oban_peers (name, node, started_at, expires_at) VALUES ('Oban', ?, "
                + NOW + " - interval '2 hours', " + NOW + " + interval '30 seconds')", nodes[0]);
        for (int i = 0; i < 8; i++) {
            insert(connection, random);
        }
    }

    private static void job(Connection connection, Random random, String state, int secondsAgo, int attempt, String error,
                            String finishedColumn) throws SQLException {
        Jdbc.update(connection, ("INSERT INTO oban.oban_jobs (state, queue, worker, args, attempt, max_attempts, attempted_at, "
                + "attempted_by, inserted_at, scheduled_at, errors%s) VALUES (?::oban.oban_job_state, ?, ?, jsonb_build_object('user_id', ?::int), ?, 20, "
                + NOW + " - make_interval(secs => ?), ARRAY['worker@10.0.3.12', 'a1b2c3'], " + NOW + " - make_interval(secs => ? + 1), "
                + "CASE WHEN ? = 'retryable' THEN " + NOW + " + make_interval(secs => ? * 15) ELSE " + NOW + " - make_interval(secs => ? + 1) END, "
                + "CASE WHEN ?::text IS NULL THEN ARRAY[]::jsonb[] ELSE ARRAY(SELECT jsonb_build_object('attempt', n, 'at', "
                + "to_char(" + NOW + " - make_interval(secs => ? - n), 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), 'error', ?::text) "
                + "FROM generate_series(1, ?) n) END%s)").formatted(
                        finishedColumn == null ? "" : ", " + finishedColumn,
                        finishedColumn == null ? "" : ", " + NOW + " - make_interval(secs => ?)"),
                finishedColumn == null
                        ? new Object[]{state, QUEUES.get(random.nextInt(QUEUES.size())), WORKERS.get(random.nextInt(WORKERS.size())),
                        random.nextInt(900), attempt, secondsAgo, secondsAgo, state, attempt, secondsAgo, error, secondsAgo, error, attempt}
                        : new Object[]{state, QUEUES.get(random.nextInt(QUEUES.size())), WORKERS.get(random.nextInt(WORKERS.size())),
                        random.nextInt(900), attempt, secondsAgo, secondsAgo, state, attempt, secondsAgo, error, secondsAgo, error, attempt,
                        secondsAgo - 1});
    }

    private static void insert(Connection connection, Random random) throws SQLException {
        Jdbc.update(connection, "INSERT INTO oban.oban_jobs (queue, worker, args) VALUES (?, ?, jsonb_build_object('user_id', ?::int))",
                QUEUES.get(random.nextInt(QUEUES.size())), WORKERS.get(random.nextInt(WORKERS.size())), random.nextInt(900));
    }

    @Override
    public void tick(Connection connection, Random random) throws SQLException {
        for (int i = random.nextInt(4); i > 0; i--) {
            insert(connection, random);
        }
        Jdbc.update(connection, "UPDATE oban.oban_peers SET expires_at = " + NOW + " + interval '30 seconds' WHERE node = ?", nodes[0]);
        // stage_jobs, on the leader.
        Jdbc.update(connection, "UPDATE oban.oban_jobs SET state = 'available' WHERE id IN (SELECT id FROM oban.oban_jobs "
                + "WHERE state IN ('scheduled', 'retryable') AND scheduled_at <= " + NOW + " LIMIT 100)");
        for (String node : nodes) {
            String queue = QUEUES.get(random.nextInt(QUEUES.size()));
            Jdbc.update(connection, "WITH subset AS (SELECT id FROM oban.oban_jobs WHERE state = 'available' AND queue = ? "
                    + "ORDER BY priority, scheduled_at, id LIMIT 2 FOR UPDATE SKIP LOCKED) "
                    + "UPDATE oban.oban_jobs AS o0 SET state = 'executing', attempted_at = " + NOW + ", attempted_by = ARRAY[?, 'c0ffee'], "
                    + "attempt = o0.attempt + 1 FROM subset AS f1 WHERE o0.id = f1.id AND o0.attempt < o0.max_attempts", queue, node);
            if (random.nextInt(6) == 0) {
                // error_job, or discard_job once out of attempts.
                Jdbc.update(connection, "UPDATE oban.oban_jobs SET state = CASE WHEN attempt < max_attempts THEN 'retryable' ELSE 'discarded' END::oban.oban_job_state, "
                        + "discarded_at = CASE WHEN attempt >= max_attempts THEN " + NOW + " END, "
                        + "scheduled_at = " + NOW + " + make_interval(secs => 15 * attempt), errors = errors || ARRAY[jsonb_build_object('attempt', attempt, 'at', "
                        + "to_char(" + NOW + ", 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), 'error', ?::text)] "
                        + "WHERE id = (SELECT id FROM oban.oban_jobs WHERE state = 'executing' AND attempted_by[1] = ? LIMIT 1)",
                        ERRORS.get(random.nextInt(ERRORS.size())), node);
            }
            Jdbc.update(connection, "UPDATE oban.oban_jobs SET state = 'completed', completed_at = " + NOW
                    + " WHERE state = 'executing' AND attempted_by[1] = ? AND attempted_at < " + NOW + " - interval '1500 milliseconds'", node);
        }
    }
}
