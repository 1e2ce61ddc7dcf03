package io.pitwall.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

/**
 * A Rails app's Solid Queue (schema solid_queue), worked by {@link SolidQueueSql}: Solid Queue's own enqueue, claim,
 * finish, fail, retry_on and dispatch statements. One worker process was killed an hour ago with jobs claimed (its
 * heartbeat stopped), one process row vanished under its claim, the mailers queue is paused, and now and then a
 * worker dies mid-job and a fresh one registers in its place.
 */
final class SolidQueueDemo implements DemoSystem {

    private static final List<String> JOBS = List.of("ActionMailer::MailDeliveryJob", "ReportJob", "ImportJob",
            "WebhookJob", "ActiveStorage::AnalyzeJob");
    private static final List<String> QUEUES = List.of("mailers", "default", "default", "imports", "default");
    private static final String[][] ERRORS = {
            {"ActiveRecord::RecordNotFound", "Couldn't find User with 'id'=4711"},
            {"Net::ReadTimeout", "Net::ReadTimeout with #<TCPSocket:(closed)>"},
            {"Errno::ENOSPC", "No space left on device @ rb_sysopen - /rails/tmp/storage/blob-8c1f"},
            {"Faraday::ConnectionFailed", "Failed to open TCP connection to hooks.example.com:443 (getaddrinfo: Name or service not known)"}};

    private final SolidQueueSql sq = new SolidQueueSql("solid_queue");
    private final long[] workers = new long[2];

    @Override
    public String profileId() {
        return "solid-queue";
    }

    @Override
    public void createSchema(Connection connection) throws SQLException {
        Jdbc.script(connection, "/io/pitwall/demo/solid-queue.sql");
    }

    private long enqueue(Connection c, Random random, double delaySeconds) throws SQLException {
        int which = random.nextInt(JOBS.size());
        String key = JOBS.get(which).equals("ImportJob") ? "ImportJob/account-" + random.nextInt(3) : null;
        return sq.enqueue(c, JOBS.get(which), QUEUES.get(which), "[" + (1000 + random.nextInt(9000)) + "]", null, 0,
                delaySeconds, key, key != null && random.nextInt(3) == 0);
    }

    @Override
    public void seed(Connection c, Random random) throws SQLException {
        long supervisor = sq.register(c, "Supervisor", "web-1", 2201, null);
        workers[0] = sq.register(c, "Worker", "web-1", 2210, supervisor);
        workers[1] = sq.register(c, "Worker", "web-1", 2211, supervisor);
        long killed = sq.register(c, "Worker", "web-2", 3310, null);
        long vanished = sq.register(c, "Worker", "web-3", 4410, null);
        for (int i = 0; i < 60; i++) {
            enqueue(c, random, 0);
            for (long job : sq.claim(c, workers[i % 2], 1)) {
                if (random.nextInt(9) == 0) {
                    String[] error = ERRORS[random.nextInt(ERRORS.length)];
                    sq.fail(c, job, error[0], error[1]);
                } else if (random.nextInt(9) == 0) {
                    sq.retryLater(c, job, 30 + random.nextInt(600));
                } else {
                    sq.finish(c, job);
                }
            }
        }
        for (long process : new long[]{killed, killed, vanished}) {
            enqueue(c, random, 0);
            sq.claim(c, process, 1);
        }
        Jdbc.update(c, "UPDATE solid_queue.solid_queue_processes SET last_heartbeat_at = last_heartbeat_at - interval '40 minutes'"
                + " WHERE id = ?", killed);
        Jdbc.update(c, "DELETE FROM solid_queue.solid_queue_processes WHERE id = ?", vanished);
        // Spread the finished history over the last 45 minutes, each job keeping its own durations: inside the default
        // 1 h window of failed --group, so the demo's failures are all grouped however the server's random() falls.
        Jdbc.update(c, "WITH r AS (SELECT id, make_interval(secs => 60 + random() * 2640) AS back FROM solid_queue.solid_queue_jobs"
                + " WHERE finished_at IS NOT NULL) UPDATE solid_queue.solid_queue_jobs j SET created_at = j.created_at - r.back,"
                + " updated_at = j.updated_at - r.back, scheduled_at = j.scheduled_at - r.back, finished_at = j.finished_at - r.back"
                + " FROM r WHERE r.id = j.id");
        for (int i = 0; i < 6; i++) {
            enqueue(c, random, 600 + random.nextInt(3000));
        }
        for (int i = 0; i < 8; i++) {
            enqueue(c, random, 0);
        }
        Jdbc.update(c, "INSERT INTO solid_queue.solid_queue_pauses (queue_name, created_at) VALUES ('imports', now() AT TIME ZONE 'UTC')");
    }

    @Override
    public void tick(Connection c, Random random) throws SQLException {
        for (int i = random.nextInt(4); i > 0; i--) {
            enqueue(c, random, random.nextInt(5) == 0 ? 5 + random.nextInt(60) : 0);
        }
        sq.dispatchScheduled(c, 100);
        for (int w = 0; w < workers.length; w++) {
            sq.heartbeat(c, workers[w]);
            for (long job : sq.claim(c, workers[w], 2)) {
                int roll = random.nextInt(12);
                if (roll == 0) {
                    String[] error = ERRORS[random.nextInt(ERRORS.length)];
                    sq.fail(c, job, error[0], error[1]);
                } else if (roll == 1) {
                    sq.retryLater(c, job, 5 + random.nextInt(60));
                } else if (roll != 2) {
                    sq.finish(c, job);
                }
                // roll 2: still running at the next tick, finished then
            }
        }
        finishLeftovers(c);
        if (random.nextInt(150) == 0) {
            // A worker is OOM-killed mid-job: its claims stay behind, its heartbeat stops; a new one registers.
            int which = random.nextInt(workers.length);
            workers[which] = sq.register(c, "Worker", "web-1", 20000 + random.nextInt(30000), null);
        }
    }

    /** Jobs a live worker left running at the last tick finish now. */
    private void finishLeftovers(Connection c) throws SQLException {
        for (long worker : workers) {
            List<Long> held = new java.util.ArrayList<>();
            try (var s = c.prepareStatement("SELECT job_id FROM solid_queue.solid_queue_claimed_executions WHERE process_id = ?"
                    + " AND created_at < (now() AT TIME ZONE 'UTC') - interval '1 second'")) {
                s.setLong(1, worker);
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        held.add(rs.getLong(1));
                    }
                }
            }
            for (long job : held) {
                sq.finish(c, job);
            }
        }
    }
}
