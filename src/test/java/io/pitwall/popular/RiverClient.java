package io.pitwall.popular;

import io.pitwall.testing.TestDatabase;

/**
 * A River client's own statements, as riverqueue/river fdf6cdf1 runs them
 * (riverdriver/riverpgxv5/internal/dbsqlc/river_job.sql, river_leader.sql, river_queue.sql), reduced from their
 * batch forms (unnest of arrays) to one row and with sqlc's named parameters filled in. Schema "river".
 */
final class RiverClient {

    private final TestDatabase db;
    private final String schema;

    RiverClient(TestDatabase db, String schema) {
        this.db = db;
        this.schema = schema;
    }

    private String sql(String text) {
        return text.replaceAll("\\b(river_job|river_leader|river_queue)\\b", schema + ".$1");
    }

    /** JobInsertFull: a job as Client.Insert writes it. */
    void insert(String kind, String queue, String args, String state, String scheduledIn) {
        db.execute(sql("""
                INSERT INTO river_job (args, kind, max_attempts, metadata, priority, queue, scheduled_at, state, tags)
                VALUES ('%s'::jsonb, '%s', 25, '{}', 1, '%s', now() + interval '%s', '%s', '{}')
                """.formatted(args, kind, queue, scheduledIn, state)));
    }

    /** JobGetAvailable with max_to_lock 1: the producer's claim. */
    void claim(String queue, String clientId) {
        db.execute(sql("""
                WITH locked_jobs AS (
                    SELECT * FROM river_job
                    WHERE state = 'available' AND queue = '%s' AND scheduled_at <= now()
                    ORDER BY priority ASC, scheduled_at ASC, id ASC
                    LIMIT 1 FOR UPDATE SKIP LOCKED)
                UPDATE river_job SET state = 'running', attempt = river_job.attempt + 1, attempted_at = now(),
                       attempted_by = array_append(CASE WHEN array_length(river_job.attempted_by, 1) >= 100
                           THEN river_job.attempted_by[array_length(river_job.attempted_by, 1) + 2 - 100:]
                           ELSE river_job.attempted_by END, '%s')
                FROM locked_jobs WHERE river_job.id = locked_jobs.id
                """.formatted(queue, clientId)));
    }

    /** JobSetStateIfRunningMany for a completed job. */
    void complete(long id) {
        db.execute(sql("UPDATE river_job SET state = 'completed', finalized_at = now() WHERE id = " + id
                + " AND state = 'running'"));
    }

    /**
     * JobSetStateIfRunningMany for an errored attempt: the error is appended to errors; retryable with River's
     * default backoff (errors+1)^4 s while attempts remain, else discarded.
     */
    void fail(long id, String message) {
        db.execute(sql("""
                UPDATE river_job SET
                  errors = array_append(errors, jsonb_build_object('at', now(), 'attempt', attempt, 'error', '%s', 'trace', '')),
                  state = CASE WHEN attempt < max_attempts THEN 'retryable' ELSE 'discarded' END::%s.river_job_state,
                  finalized_at = CASE WHEN attempt < max_attempts THEN NULL ELSE now() END,
                  scheduled_at = CASE WHEN attempt < max_attempts
                      THEN now() + make_interval(secs => power(coalesce(cardinality(errors), 0) + 1, 4)) ELSE scheduled_at END
                WHERE id = %d AND state = 'running'
                """.formatted(message.replace("'", "''"), schema, id)));
    }

    /** JobSchedule, as the leader runs it: due retryable and scheduled jobs become available. */
    void schedule() {
        db.execute(sql("""
                UPDATE river_job SET state = 'available'
                WHERE id IN (SELECT id FROM river_job WHERE state IN ('retryable', 'scheduled') AND priority >= 0
                             AND queue IS NOT NULL AND scheduled_at <= now() ORDER BY priority, scheduled_at, id FOR UPDATE)
                """));
    }

    /** LeaderAttemptElect with the elector's default TTL. */
    void elect(String leaderId) {
        db.execute(sql("INSERT INTO river_leader (leader_id, elected_at, expires_at) VALUES ('" + leaderId
                + "', now(), now() + make_interval(secs => 10)) ON CONFLICT (name) DO NOTHING"));
    }

    /** QueueCreateOrSetUpdatedAt: a producer starting a queue. */
    void startQueue(String name) {
        db.execute(sql("INSERT INTO river_queue (created_at, metadata, name, paused_at, updated_at) VALUES (now(), '{}', '"
                + name + "', NULL, now()) ON CONFLICT (name) DO UPDATE SET updated_at = EXCLUDED.updated_at"));
    }
}
