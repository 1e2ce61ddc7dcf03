package io.pitwall.popular;

import io.pitwall.testing.TestDatabase;

/**
 * An Oban node's own statements, as oban-bg/oban 2939e313 lib/oban/engines/basic.ex builds them with Ecto
 * (insert_job, fetch_jobs, complete_job, error_job, discard_job, stage_jobs) and lib/oban/peers/database.ex
 * (leadership), written out as the SQL Ecto sends, for one job at a time. Timestamps are UTC without a zone.
 */
final class ObanNode {

    private static final String NOW = "timezone('UTC', now())";
    private final TestDatabase db;
    private final String prefix;

    ObanNode(TestDatabase db, String prefix) {
        this.db = db;
        this.prefix = prefix;
    }

    void insert(String worker, String queue, String state, String scheduledIn) {
        db.execute("INSERT INTO " + prefix + ".oban_jobs (state, queue, worker, args, max_attempts, scheduled_at, priority, tags) "
                + "VALUES ('" + state + "', '" + queue + "', '" + worker + "', '{\"id\": 1}', 20, " + NOW + " + interval '"
                + scheduledIn + "', 0, '{}')");
    }

    /** fetch_jobs with a demand of 1: the CTE "optimization fence", SKIP LOCKED, attempt < max_attempts. */
    void fetch(String queue, String node) {
        db.execute("WITH subset AS (SELECT id FROM " + prefix + ".oban_jobs WHERE state = 'available' AND queue = '" + queue
                + "' ORDER BY priority, scheduled_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) "
                + "UPDATE " + prefix + ".oban_jobs AS o0 SET state = 'executing', attempted_at = " + NOW
                + ", attempted_by = ARRAY['" + node + "', 'b8f3e6a0'], attempt = o0.attempt + 1 FROM subset AS f1 "
                + "WHERE o0.id = f1.id AND o0.attempt < o0.max_attempts");
    }

    void complete(long id) {
        db.execute("UPDATE " + prefix + ".oban_jobs SET state = 'completed', completed_at = " + NOW + " WHERE id = " + id);
    }

    private String attempt(long id, String error) {
        return "errors || ARRAY[jsonb_build_object('attempt', attempt, 'at', to_char(" + NOW
                + ", 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), 'error', '" + error.replace("'", "''") + "')]";
    }

    /** error_job: retryable after the worker's backoff. */
    void error(long id, String error, int backoffSeconds) {
        db.execute("UPDATE " + prefix + ".oban_jobs SET state = 'retryable', scheduled_at = " + NOW + " + make_interval(secs => "
                + backoffSeconds + "), errors = " + attempt(id, error) + " WHERE id = " + id);
    }

    /** discard_job: out of attempts. */
    void discard(long id, String error) {
        db.execute("UPDATE " + prefix + ".oban_jobs SET state = 'discarded', discarded_at = " + NOW + ", errors = "
                + attempt(id, error) + " WHERE id = " + id);
    }

    /** stage_jobs: due scheduled and retryable jobs become available. */
    void stage() {
        db.execute("UPDATE " + prefix + ".oban_jobs SET state = 'available' WHERE id IN (SELECT id FROM " + prefix
                + ".oban_jobs WHERE state IN ('scheduled', 'retryable') AND scheduled_at <= " + NOW + " LIMIT 5000)");
    }

    /** Oban.Peers.Database: the leader's row, renewed every 30 s. */
    void lead(String node) {
        db.execute("INSERT INTO " + prefix + ".oban_peers (name, node, started_at, expires_at) VALUES ('Oban', '" + node
                + "', " + NOW + ", " + NOW + " + interval '30 seconds') ON CONFLICT (name) DO UPDATE SET expires_at = EXCLUDED.expires_at");
    }
}
