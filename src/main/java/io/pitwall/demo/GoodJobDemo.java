package io.pitwall.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A Rails app's GoodJob 4 (schema good_job), worked by {@link GoodJobSql}: enqueue, the :skiplocked claim, perform's
 * execution rows, success, discard on an unhandled error and retry_on's re-enqueue of the same row. A worker process
 * stopped refreshing 25 minutes ago with jobs locked; Process.cleanup once unlocked an interrupted job that nobody
 * has run since; the exports queue is paused; now and then a worker dies mid-job and a new process takes its place.
 * (The demo's workers share a small connection pool, so they use GoodJob's :skiplocked strategy: an advisory lock
 * would have to outlive the pooled session.)
 */
final class GoodJobDemo implements DemoSystem {

    private static final List<String> JOBS = List.of("ActionMailer::MailDeliveryJob", "ReportJob", "ExportJob",
            "WebhookJob", "ImageVariantJob");
    private static final List<String> QUEUES = List.of("mailers", "default", "exports", "default", "default");
    private static final String[][] ERRORS = {
            {"ActiveRecord::RecordNotFound", "Couldn't find Account with 'id'=7731"},
            {"Net::OpenTimeout", "execution expired"},
            {"Errno::ENOSPC", "No space left on device @ io_write - /rails/tmp/exports/export-41.csv"},
            {"ActiveStorage::FileNotFoundError", "ActiveStorage::FileNotFoundError"}};

    private final GoodJobSql gj = new GoodJobSql("good_job");
    private final String[] workers = new String[2];

    @Override
    public String profileId() {
        return "good-job";
    }

    @Override
    public void createSchema(Connection connection) throws SQLException {
        Jdbc.script(connection, "/io/pitwall/demo/good-job.sql");
    }

    private String enqueue(Connection c, Random random, double delaySeconds, String batch) throws SQLException {
        int which = random.nextInt(JOBS.size());
        return gj.enqueue(c, JOBS.get(which), QUEUES.get(which), "[" + (1000 + random.nextInt(9000)) + "]", delaySeconds, batch);
    }

    private void work(Connection c, Random random, String job, boolean mayRunOn) throws SQLException {
        int roll = random.nextInt(12);
        if (roll == 0) {
            String[] error = ERRORS[random.nextInt(ERRORS.length)];
            gj.fail(c, job, error[0], error[1]);
        } else if (roll == 1) {
            String[] error = ERRORS[random.nextInt(ERRORS.length)];
            gj.retryLater(c, job, error[0], error[1], 10 + random.nextInt(300));
        } else if (roll != 2 || !mayRunOn) {
            gj.succeed(c, job);
        }
    }

    @Override
    public void seed(Connection c, Random random) throws SQLException {
        workers[0] = gj.register(c, "worker-1", 3101, false);
        workers[1] = gj.register(c, "worker-2", 3102, false);
        String stale = gj.register(c, "worker-3", 3199, false);
        String batch = UUID.randomUUID().toString();
        for (int i = 0; i < 50; i++) {
            enqueue(c, random, 0, i % 10 == 0 ? batch : null);
            String job = gj.claim(c, workers[i % 2]);
            if (job != null) {
                work(c, random, job, false);
            }
        }
        for (int i = 0; i < 3; i++) {
            enqueue(c, random, 0, null);
            gj.claim(c, stale);
        }
        Jdbc.update(c, "UPDATE good_job.good_job_processes SET updated_at = updated_at - interval '25 minutes' WHERE id = ?::uuid", stale);
        // A job whose worker died and whose lock Process.cleanup cleared: performed, unfinished, unlocked, and in the
        // exports queue, paused since, so nobody has re-run it.
        String cleaned = gj.register(c, "worker-0", 3000, false);
        gj.enqueue(c, "ExportJob", "exports", "[77]", 0, null);
        gj.claim(c, cleaned);
        Jdbc.update(c, "UPDATE good_job.good_jobs SET locked_by_id = NULL, locked_at = NULL, lock_type = NULL,"
                + " performed_at = performed_at - interval '40 minutes' WHERE locked_by_id = ?::uuid", cleaned);
        Jdbc.update(c, "DELETE FROM good_job.good_job_processes WHERE id = ?::uuid", cleaned);
        // The finished history spread over the last 45 minutes: inside failed --group's default 1 h window.
        Jdbc.update(c, "WITH r AS (SELECT id, make_interval(secs => 60 + random() * 2640) AS back FROM good_job.good_jobs"
                + " WHERE finished_at IS NOT NULL) UPDATE good_job.good_jobs j SET created_at = j.created_at - r.back,"
                + " updated_at = j.updated_at - r.back, scheduled_at = j.scheduled_at - r.back, performed_at = j.performed_at - r.back,"
                + " finished_at = j.finished_at - r.back FROM r WHERE r.id = j.id");
        for (int i = 0; i < 5; i++) {
            enqueue(c, random, 600 + random.nextInt(3000), null);
        }
        Jdbc.update(c, "INSERT INTO good_job.good_job_settings (key, value, created_at, updated_at) VALUES ('pauses',"
                + " '{\"queues\": [\"exports\"], \"job_classes\": [], \"labels\": []}', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')");
        for (int i = 0; i < 6; i++) {
            enqueue(c, random, 0, null);
        }
    }

    @Override
    public void tick(Connection c, Random random) throws SQLException {
        for (int i = random.nextInt(4); i > 0; i--) {
            enqueue(c, random, random.nextInt(6) == 0 ? 5 + random.nextInt(90) : 0, null);
        }
        for (String worker : workers) {
            gj.refresh(c, worker);
            finishHeld(c, worker);
            for (int i = 0; i < 2; i++) {
                String job = gj.claim(c, worker);
                if (job == null) {
                    break;
                }
                work(c, random, job, true);
            }
        }
        if (random.nextInt(150) == 0) {
            // A worker is killed mid-job: its locked jobs stay locked and its process stops refreshing.
            int which = random.nextInt(workers.length);
            workers[which] = gj.register(c, "worker-" + (4 + random.nextInt(90)), 20000 + random.nextInt(30000), false);
        }
    }

    /** Jobs a live worker left running at the last tick finish now. */
    private void finishHeld(Connection c, String worker) throws SQLException {
        List<String> held = new java.util.ArrayList<>();
        try (var s = c.prepareStatement("SELECT id::text FROM good_job.good_jobs WHERE locked_by_id = ?::uuid AND finished_at IS NULL")) {
            s.setString(1, worker);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    held.add(rs.getString(1));
                }
            }
        }
        for (String job : held) {
            gj.succeed(c, job);
        }
    }
}
