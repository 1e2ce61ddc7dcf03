package io.pitwall.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

/**
 * shithub's real jobs table (migration 0018) worked the way internal/worker/queries/jobs.sql does: ClaimJob
 * also takes rows whose lock is older than 5 minutes, RescheduleJob backs off 30 s × 2^(attempts−1), and
 * MarkJobFailed ends a job once attempts reach max_attempts. A worker killed by SIGTERM leaves its lock behind.
 */
final class Shithub0018Demo implements DemoSystem {

    private static final List<String> KINDS = List.of("push:process", "push:process", "repo:index_code",
            "repo:index_reconcile", "notify:fanout");
    private static final List<String> ERRORS = List.of(
            "git: exit status 128: fatal: bad object refs/heads/main",
            "index: read blob: context canceled",
            "pgx: timeout: context deadline exceeded",
            "notify: send: dial tcp 10.0.4.17:25: connect: connection refused");
    private final String[] workers = {"git-1:18211", "git-2:18305"};

    @Override
    public String profileId() {
        return "shithub-0018";
    }

    @Override
    public void createSchema(Connection connection) throws SQLException {
        Jdbc.script(connection, "/io/pitwall/demo/shithub-0018.sql");
    }

    @Override
    public void seed(Connection connection, Random random) throws SQLException {
        for (int i = 0; i < 380; i++) {
            int secondsAgo = 60 + random.nextInt(3600);
            insert(connection, random, KINDS.get(random.nextInt(KINDS.size())), secondsAgo, 1,
                    "completed_at", null, null, secondsAgo - 2);
        }
        for (int i = 0; i < 7; i++) {
            int secondsAgo = 300 + random.nextInt(3000);
            insert(connection, random, KINDS.get(random.nextInt(KINDS.size())), secondsAgo, 5, "failed_at",
                    ERRORS.get(random.nextInt(ERRORS.size())), null, secondsAgo - 1);
        }
        Jdbc.update(connection, "UPDATE shithub0018.jobs SET last_error = 'discarded by site admin' WHERE id = "
                + "(SELECT max(id) FROM shithub0018.jobs WHERE failed_at IS NOT NULL)");
        // Locks left by a worker that systemd stopped mid-job; the next ClaimJob of that kind will take them.
        insert(connection, random, "repo:index_code", 9 * 60, 2, "locked_at", null, "git-3:17702", 9 * 60);
        insert(connection, random, "push:process", 6 * 60, 1, "locked_at", null, "git-3:17702", 6 * 60);
        // Retries waiting out their backoff, and jobs due now.
        for (int i = 0; i < 4; i++) {
            Jdbc.update(connection, """
                    INSERT INTO shithub0018.jobs (kind, payload, run_at, attempts, last_error, created_at)
                    VALUES (?, jsonb_build_object('repo_id', ?::int), now() + make_interval(secs => ?), ?, ?,
                            now() - interval '3 minutes')
                    """, KINDS.get(random.nextInt(KINDS.size())), 100 + random.nextInt(60), 30 + random.nextInt(600),
                    1 + i % 3, ERRORS.get(random.nextInt(ERRORS.size())));
        }
        for (int i = 0; i < 12; i++) {
            enqueue(connection, random);
        }
    }

    /** One job; {@code finishedColumn} is the timestamp that says how it ended (or locked_at while it runs). */
    private static void insert(Connection connection, Random random, String kind, int createdSecondsAgo, int attempts,
                               String finishedColumn, String error, String lockedBy, int finishedSecondsAgo)
            throws SQLException {
        Jdbc.update(connection, ("""
                INSERT INTO shithub0018.jobs (kind, payload, run_at, attempts, last_error, locked_by, %s, created_at)
                VALUES (?, jsonb_build_object('repo_id', ?::int, 'ref', 'refs/heads/trunk'),
                        now() - make_interval(secs => ?), ?, ?, ?, now() - make_interval(secs => ?),
                        now() - make_interval(secs => ?))
                """).formatted(finishedColumn), kind, 100 + random.nextInt(60), createdSecondsAgo, attempts, error,
                lockedBy, finishedSecondsAgo, createdSecondsAgo);
    }

    private static void enqueue(Connection connection, Random random) throws SQLException {
        Jdbc.update(connection, "INSERT INTO shithub0018.jobs (kind, payload) VALUES (?, jsonb_build_object('repo_id', ?::int))",
                KINDS.get(random.nextInt(KINDS.size())), 100 + random.nextInt(60));
    }

    @Override
    public void tick(Connection connection, Random random) throws SQLException {
        for (int i = random.nextInt(4); i > 0; i--) {
            enqueue(connection, random);
        }
        for (String worker : workers) {
            // ClaimJob: due, unfinished, and unlocked or locked more than 5 minutes ago.
            Jdbc.update(connection, """
                    UPDATE shithub0018.jobs SET locked_by = ?, locked_at = now(), attempts = attempts + 1
                     WHERE id = (SELECT id FROM shithub0018.jobs
                                  WHERE completed_at IS NULL AND failed_at IS NULL AND run_at <= now()
                                    AND (locked_at IS NULL OR locked_at < now() - interval '5 minutes')
                                  ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
                    """, worker);
            if (random.nextInt(7) == 0) {
                // RescheduleJob, or MarkJobFailed once attempts reach max_attempts.
                Jdbc.update(connection, """
                        UPDATE shithub0018.jobs SET locked_by = NULL, locked_at = NULL, last_error = ?,
                               failed_at = CASE WHEN attempts >= max_attempts THEN now() END,
                               run_at = CASE WHEN attempts >= max_attempts THEN run_at
                                        ELSE now() + make_interval(secs => least(3600, 30 * 2 ^ (attempts - 1))
                                                                       * (0.8 + random() * 0.4)) END
                         WHERE id = (SELECT id FROM shithub0018.jobs WHERE locked_by = ? AND completed_at IS NULL
                                       AND failed_at IS NULL LIMIT 1)
                        """, ERRORS.get(random.nextInt(ERRORS.size())), worker);
            }
            // MarkJobCompleted for what this worker has held a couple of seconds.
            Jdbc.update(connection, """
                    UPDATE shithub0018.jobs SET completed_at = now(), locked_by = NULL, locked_at = NULL
                     WHERE locked_by = ? AND locked_at < now() - interval '2 seconds'
                       AND completed_at IS NULL AND failed_at IS NULL
                    """, worker);
        }
        if (random.nextInt(100) == 0) {
            // SIGTERM cancels the handler's context; the outcome query fails and the lock stays until the window passes.
            int which = random.nextInt(workers.length);
            workers[which] = "git-" + (which + 1) + ":" + (10000 + random.nextInt(50000));
        }
    }
}
