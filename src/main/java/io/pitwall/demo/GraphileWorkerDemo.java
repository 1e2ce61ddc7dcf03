package io.pitwall.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Graphile Worker 0.16+ worked by its own SQL (see {@link GraphileWorkerSql}): jobs added with add_job, pools that
 * fetch, complete and fail them, and a pool that died five hours ago holding a job and its named queue, so the
 * stale-lock rules and force_unlock_workers have something to show.
 */
final class GraphileWorkerDemo implements DemoSystem {

    private static final List<String> TASKS = List.of("send_email", "send_email", "resize_image", "sync_crm", "webhook");
    private static final List<String> QUEUES = List.of("", "", "", "crm", "billing");
    private static final List<String> ERRORS = List.of(
            "Error: connect ECONNREFUSED 10.0.3.21:587",
            "TypeError: Cannot read properties of undefined (reading 'email')",
            "Error: sharp: Input buffer contains unsupported image format",
            "FetchError: request to https://hooks.example.com/in failed, reason: socket hang up");
    private final String[] pools = {"worker-7f3a2c1d9e", "worker-b81d00e4f2"};

    @Override
    public String profileId() {
        return "graphile-worker";
    }

    @Override
    public void createSchema(Connection connection) throws SQLException {
        Jdbc.script(connection, "/io/pitwall/demo/graphile-worker.sql");
        // What status advises an operator to add for exact counts: Graphile indexes only the available jobs.
        Jdbc.update(connection, "CREATE INDEX pitwall_graphile_locked_idx ON graphile_worker._private_jobs (locked_at) WHERE locked_at IS NOT NULL");
        Jdbc.update(connection, "CREATE INDEX pitwall_graphile_failed_idx ON graphile_worker._private_jobs (id) WHERE locked_at IS NULL AND attempts >= max_attempts");
    }

    @Override
    public void seed(Connection connection, Random random) throws SQLException {
        // Jobs that used up their attempts, and retries waiting out their backoff: each is the only one due when
        // its pool fetches, so the fetch takes it.
        for (int i = 0; i < 6; i++) {
            addJob(connection, random, 0, 1 + i % 2);
            Long id = GraphileWorkerSql.getJob(connection, pools[0], Instant.now());
            if (id != null) {
                GraphileWorkerSql.failJob(connection, pools[0], id, ERRORS.get(random.nextInt(ERRORS.size())));
            }
        }
        // A pool killed mid-job five hours ago: its locks stay until resetLockedAt or force_unlock_workers.
        Instant fiveHoursAgo = Instant.now().minusSeconds(5 * 3600);
        Jdbc.call(connection, "SELECT graphile_worker.add_job('sync_crm', '{\"account\": 4411}', 'crm', now() - interval '5 hours 1 minute')");
        Jdbc.call(connection, "SELECT graphile_worker.add_job('resize_image', '{\"upload\": 90211}', NULL, now() - interval '5 hours 1 minute')");
        GraphileWorkerSql.getJob(connection, "worker-dead0c0ffee", fiveHoursAgo);
        GraphileWorkerSql.getJob(connection, "worker-dead0c0ffee", fiveHoursAgo);
        for (int i = 0; i < 30; i++) {
            addJob(connection, random, 0, 25);
        }
        Jdbc.call(connection, "SELECT graphile_worker.add_job('webhook', '{\"event\": \"invoice.paid\"}', job_key => 'invoice:1042', run_at => now() + interval '10 minutes')");
    }

    private static void addJob(Connection connection, Random random, int delaySeconds, int maxAttempts) throws SQLException {
        int task = random.nextInt(TASKS.size());
        String queue = QUEUES.get(random.nextInt(QUEUES.size()));
        Jdbc.call(connection, "SELECT graphile_worker.add_job(?, json_build_object('n', ?::int), nullif(?, ''), "
                        + "now() + make_interval(secs => ?), ?)",
                TASKS.get(task), random.nextInt(10_000), queue, delaySeconds, maxAttempts);
    }

    @Override
    public void tick(Connection connection, Random random) throws SQLException {
        for (int i = random.nextInt(3); i > 0; i--) {
            addJob(connection, random, random.nextInt(4) == 0 ? 30 + random.nextInt(300) : 0, 25);
        }
        for (String pool : pools) {
            // What the pool took on an earlier tick has run its course: it succeeds, or throws.
            for (Long held : GraphileWorkerSql.heldJobs(connection, pool, 2)) {
                if (random.nextInt(6) == 0) {
                    GraphileWorkerSql.failJob(connection, pool, held, ERRORS.get(random.nextInt(ERRORS.size())));
                } else {
                    GraphileWorkerSql.completeJob(connection, pool, held);
                }
            }
            GraphileWorkerSql.getJob(connection, pool, Instant.now());
        }
        if (random.nextInt(120) == 0) {
            // A pool crashes holding whatever it had locked; its replacement has a new id.
            int which = random.nextInt(pools.length);
            pools[which] = "worker-" + Long.toHexString(random.nextLong() & 0xffffffffffL);
        }
    }
}
