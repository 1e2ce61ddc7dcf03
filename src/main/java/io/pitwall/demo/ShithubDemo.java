package io.pitwall.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

/**
 * shithub's jobs table with workers that lease with FOR UPDATE SKIP LOCKED, as its runbook describes.
 * A crashed worker's leases stay behind until a worker re-leases them long after the 5-minute timeout.
 */
final class ShithubDemo implements DemoSystem {

    private static final List<String> KINDS = List.of("repo.push", "search.reindex", "notify.fanout", "repo.archive");
    private static final List<String> ERRORS = List.of(
            "git: exit status 128: fatal: not a git repository: '/data/repos/%d.git'",
            "pq: canceling statement due to statement timeout",
            "context deadline exceeded (Client.Timeout exceeded while awaiting headers)",
            "open /data/repos/%d.git/objects/pack: no space left on device");
    private String[] liveWorkers = {"shithub-worker-1:4242", "shithub-worker-2:4317"};

    @Override
    public String profileId() {
        return "shithub";
    }

    @Override
    public void createSchema(Connection connection) throws SQLException {
        Jdbc.script(connection, "/io/pitwall/demo/shithub.sql");
    }

    @Override
    public void seed(Connection connection, Random random) throws SQLException {
        for (int i = 0; i < 400; i++) {
            int ageSeconds = random.nextInt(3600) + 60;
            insert(connection, random, "completed", ageSeconds, null, null);
        }
        for (int i = 0; i < 9; i++) {
            String error = ERRORS.get(random.nextInt(ERRORS.size())).formatted(1000 + random.nextInt(9000));
            insert(connection, random, "failed", random.nextInt(3000) + 120, error, null);
        }
        for (int i = 0; i < 25; i++) {
            insert(connection, random, "queued", random.nextInt(60), null, null);
        }
        // An operator drained search.reindex for schema work, as the runbook shows.
        for (int i = 0; i < 6; i++) {
            insert(connection, random, "paused", 600 + i, null, null, "search.reindex");
        }
        // Leases left by a host that crashed mid-job: older than the 5-minute lease timeout.
        insert(connection, random, "processing", 11 * 60, null, "shithub-worker-3:2210");
        insert(connection, random, "processing", 7 * 60, null, "shithub-worker-3:2210");
    }

    private static void insert(Connection connection, Random random, String state, int ageSeconds, String error,
                               String leasedBy) throws SQLException {
        insert(connection, random, state, ageSeconds, error, leasedBy, KINDS.get(random.nextInt(KINDS.size())));
    }

    private static void insert(Connection connection, Random random, String state, int ageSeconds, String error,
                               String leasedBy, String kind) throws SQLException {
        Jdbc.update(connection, """
                INSERT INTO shithub.jobs (kind, payload, state, leased_by, leased_at, attempts, last_error,
                                          run_at, created_at, updated_at)
                VALUES (?, jsonb_build_object('repo_id', ?::int, 'ref', 'refs/heads/main'), ?, ?,
                        CASE WHEN ?::text IS NULL THEN NULL ELSE now() - make_interval(secs => ?) END,
                        ?, ?, now() - make_interval(secs => ?), now() - make_interval(secs => ?),
                        now() - make_interval(secs => ?))
                """, kind, 100 + random.nextInt(40), state, leasedBy, leasedBy, ageSeconds,
                state.equals("queued") ? 0 : 1 + (error == null ? 0 : random.nextInt(3)), error,
                ageSeconds + 5, ageSeconds + 5, ageSeconds);
    }

    @Override
    public void tick(Connection connection, Random random) throws SQLException {
        for (int i = random.nextInt(4); i > 0; i--) {
            insert(connection, random, "queued", 0, null, null);
        }
        for (String worker : liveWorkers) {
            Jdbc.update(connection, """
                    UPDATE shithub.jobs SET state = 'processing', leased_by = ?, leased_at = now(),
                           attempts = attempts + 1, updated_at = now()
                     WHERE id IN (SELECT id FROM shithub.jobs WHERE state = 'queued' AND run_at <= now()
                                  ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
                       AND (SELECT count(*) FROM shithub.jobs WHERE state = 'processing' AND leased_by = ?) < 3
                    """, worker, worker);
            // Finish what this worker holds after a few seconds; most succeed.
            Jdbc.update(connection, """
                    UPDATE shithub.jobs SET state = 'completed', leased_by = NULL, leased_at = NULL, updated_at = now()
                     WHERE id IN (SELECT id FROM shithub.jobs WHERE state = 'processing' AND leased_by = ?
                                    AND leased_at < now() - interval '3 seconds' AND random() < 0.85
                                  FOR UPDATE SKIP LOCKED)
                    """, worker);
            if (random.nextInt(6) == 0) {
                String error = ERRORS.get(random.nextInt(ERRORS.size())).formatted(1000 + random.nextInt(9000));
                Jdbc.update(connection, """
                        UPDATE shithub.jobs SET state = CASE WHEN attempts >= 3 THEN 'failed' ELSE 'queued' END,
                               leased_by = NULL, leased_at = NULL, last_error = ?,
                               run_at = now() + interval '5 seconds', updated_at = now()
                         WHERE id = (SELECT id FROM shithub.jobs WHERE state = 'processing' AND leased_by = ?
                                     LIMIT 1 FOR UPDATE SKIP LOCKED)
                        """, error, worker);
            }
        }
        if (random.nextInt(90) == 0) {
            // A worker host dies mid-job and comes back with a new pid; its leases stay behind.
            int which = random.nextInt(liveWorkers.length);
            liveWorkers[which] = "shithub-worker-" + (which + 1) + ":" + (2000 + random.nextInt(8000));
        }
        // Lease expiry is lazy: a worker re-leases a crashed job only long after its 5-minute timeout.
        Jdbc.update(connection, """
                UPDATE shithub.jobs SET state = 'queued', leased_by = NULL, leased_at = NULL, updated_at = now()
                 WHERE state = 'processing' AND leased_at < now() - interval '25 minutes'
                """);
    }
}
