package io.pitwall.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

/**
 * River (riverqueue/river fdf6cdf1) in schema {@code river}, worked with River's own statements from
 * riverdriver/riverpgxv5/internal/dbsqlc: JobGetAvailable to claim (skipping paused queues, as producers do),
 * JobSetStateIfRunningMany to complete or fail (errors appended, backoff (errors+1)^4 s, discarded when out of
 * attempts), JobSchedule and LeaderAttemptElect/Reelect on the leader. The demo's clients run with a RescueAfter
 * of 3 h, so jobs of a client that died an hour ago are still running: Pitwall's 1 h rule (River's default) finds them.
 */
final class RiverDemo implements DemoSystem {

    private static final List<String> QUEUES = List.of("default", "mailers", "billing");
    private static final List<String> KINDS = List.of("send_email", "send_email", "generate_invoice", "sync_stripe",
            "resize_avatar");
    private static final List<String> ERRORS = List.of(
            "smtp: 421 4.7.0 Try again later, closing connection",
            "stripe: request failed: 429 Too Many Requests",
            "invoice 4411: pq: duplicate key value violates unique constraint \"invoices_number_key\"",
            "jobexecutor.PanicError: runtime error: invalid memory address or nil pointer dereference");
    private final String[] clients = {"river-web-1", "river-worker-2"};

    @Override
    public String profileId() {
        return "river";
    }

    @Override
    public void createSchema(Connection connection) throws SQLException {
        Jdbc.script(connection, "/io/pitwall/demo/river.sql");
    }

    @Override
    public void seed(Connection connection, Random random) throws SQLException {
        for (String queue : QUEUES) {
            // QueueCreateOrSetUpdatedAt: each producer registers its queue.
            Jdbc.update(connection, "INSERT INTO river.river_queue (name, updated_at) VALUES (?, now())", queue);
        }
        for (int i = 0; i < 300; i++) {
            int ago = 120 + random.nextInt(3500);
            job(connection, random, "completed", ago, 1, null, "river-worker-2");
        }
        for (int i = 0; i < 6; i++) {
            job(connection, random, "discarded", 300 + random.nextInt(3000), 25, ERRORS.get(random.nextInt(ERRORS.size())),
                    "river-web-1");
        }
        for (int i = 0; i < 5; i++) {
            job(connection, random, "retryable", 20 + random.nextInt(200), 1 + i % 3, ERRORS.get(random.nextInt(ERRORS.size())),
                    "river-worker-2");
        }
        // River-worker-3 was OOM-killed 70 minutes ago mid-job; nothing rescues its jobs before RescueAfter (3 h here).
        job(connection, random, "running", 70 * 60, 1, null, "river-worker-3");
        job(connection, random, "running", 68 * 60, 2, null, "river-worker-3");
        for (int i = 0; i < 3; i++) {
            Jdbc.update(connection, "INSERT INTO river.river_job (args, kind, queue, scheduled_at, state) "
                    + "VALUES ('{\"report\": \"monthly\"}', 'generate_invoice', 'billing', now() + make_interval(mins => ?), 'scheduled')",
                    10 + random.nextInt(50));
        }
        Jdbc.update(connection, "INSERT INTO river.river_leader (leader_id, elected_at, expires_at) "
                + "VALUES ('river-web-1', now() - interval '40 minutes', now() + interval '10 seconds')");
        for (int i = 0; i < 10; i++) {
            insert(connection, random);
        }
    }

    /** A job as JobInsertFull writes one that already has a history. */
    private static void job(Connection connection, Random random, String state, int secondsAgo, int attempt, String error,
                            String client) throws SQLException {
        boolean finalized = state.equals("completed") || state.equals("discarded");
        Jdbc.update(connection, """
                INSERT INTO river.river_job (args, attempt, attempted_at, attempted_by, created_at, errors, finalized_at,
                                             kind, max_attempts, queue, scheduled_at, state)
                VALUES (jsonb_build_object('customer_id', ?::int), ?, now() - make_interval(secs => ?), ARRAY[?],
                        now() - make_interval(secs => ? + 2),
                        CASE WHEN ?::text IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_build_object('at', now() - make_interval(secs => ? - n),
                             'attempt', n, 'error', ?::text, 'trace', '') FROM generate_series(1, ?) n) END,
                        CASE WHEN ? THEN now() - make_interval(secs => ? - 1) END, ?, 25, ?,
                        CASE WHEN ? = 'retryable' THEN now() + make_interval(secs => power(? + 1, 4)) ELSE now() - make_interval(secs => ?) END,
                        ?::river.river_job_state)
                """, 1000 + random.nextInt(500), attempt, secondsAgo, client, secondsAgo, error, secondsAgo, error, attempt,
                finalized, secondsAgo, KINDS.get(random.nextInt(KINDS.size())), QUEUES.get(random.nextInt(QUEUES.size())),
                state, attempt, secondsAgo, state);
    }

    private static void insert(Connection connection, Random random) throws SQLException {
        Jdbc.update(connection, "INSERT INTO river.river_job (args, kind, queue) VALUES (jsonb_build_object('customer_id', ?::int), ?, ?)",
                1000 + random.nextInt(500), KINDS.get(random.nextInt(KINDS.size())), QUEUES.get(random.nextInt(QUEUES.size())));
    }

    @Override
    public void tick(Connection connection, Random random) throws SQLException {
        for (int i = random.nextInt(4); i > 0; i--) {
            insert(connection, random);
        }
        // The leader: LeaderDeleteExpired + LeaderAttemptElect, then LeaderAttemptReelect, then JobSchedule.
        Jdbc.update(connection, "DELETE FROM river.river_leader WHERE expires_at < now()");
        Jdbc.update(connection, "INSERT INTO river.river_leader (leader_id, elected_at, expires_at) "
                + "VALUES (?, now(), now() + interval '10 seconds') ON CONFLICT (name) DO NOTHING", clients[0]);
        Jdbc.update(connection, "UPDATE river.river_leader SET expires_at = now() + interval '10 seconds' "
                + "WHERE leader_id = ? AND expires_at >= now()", clients[0]);
        Jdbc.update(connection, """
                UPDATE river.river_job SET state = 'available'
                 WHERE id IN (SELECT id FROM river.river_job WHERE state IN ('retryable', 'scheduled') AND priority >= 0
                                AND scheduled_at <= now() ORDER BY priority, scheduled_at, id LIMIT 100 FOR UPDATE)
                """);
        for (String client : clients) {
            String queue = QUEUES.get(random.nextInt(QUEUES.size()));
            // JobGetAvailable, by a producer whose queue is not paused.
            Jdbc.update(connection, """
                    WITH locked_jobs AS (
                        SELECT * FROM river.river_job
                         WHERE state = 'available' AND queue = ? AND scheduled_at <= now()
                           AND NOT EXISTS (SELECT 1 FROM river.river_queue q WHERE q.name = ? AND q.paused_at IS NOT NULL)
                         ORDER BY priority ASC, scheduled_at ASC, id ASC LIMIT 2 FOR UPDATE SKIP LOCKED)
                    UPDATE river.river_job SET state = 'running', attempt = river_job.attempt + 1, attempted_at = now(),
                           attempted_by = array_append(river_job.attempted_by, ?)
                      FROM locked_jobs WHERE river_job.id = locked_jobs.id
                    """, queue, queue, client);
            if (random.nextInt(6) == 0) {
                // JobSetStateIfRunningMany with an error: retryable after (errors+1)^4 s, or discarded.
                Jdbc.update(connection, """
                        UPDATE river.river_job SET
                          errors = array_append(errors, jsonb_build_object('at', now(), 'attempt', attempt, 'error', ?::text, 'trace', '')),
                          state = CASE WHEN (metadata -> 'cancel_attempted_at') IS NOT NULL THEN 'cancelled'
                                       WHEN attempt < max_attempts THEN 'retryable' ELSE 'discarded' END::river.river_job_state,
                          finalized_at = CASE WHEN (metadata -> 'cancel_attempted_at') IS NOT NULL OR attempt >= max_attempts THEN now() END,
                          scheduled_at = now() + make_interval(secs => power(coalesce(cardinality(errors), 0) + 1, 4))
                         WHERE id = (SELECT id FROM river.river_job WHERE state = 'running'
                                       AND attempted_by[cardinality(attempted_by)] = ? LIMIT 1)
                        """, ERRORS.get(random.nextInt(ERRORS.size())), client);
            }
            // JobSetStateIfRunningMany for what this client has worked a second or two.
            Jdbc.update(connection, """
                    UPDATE river.river_job SET state = 'completed', finalized_at = now()
                     WHERE state = 'running' AND attempted_by[cardinality(attempted_by)] = ?
                       AND attempted_at < now() - interval '1500 milliseconds'
                    """, client);
        }
        if (random.nextInt(120) == 0) {
            // A worker is killed mid-job and replaced: its running jobs stay running until someone rescues them.
            clients[1] = "river-worker-" + (4 + random.nextInt(90));
        }
    }
}
