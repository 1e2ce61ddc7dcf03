package io.pitwall.systems;

import io.pitwall.demo.GoodJobSql;
import io.pitwall.runbook.ActionFixture;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GoodJob's real schema (bensheldon/good_job lib/generators/good_job/templates/install/migrations/
 * create_good_jobs.rb.erb at v4.19.2, commit 81db22b7, as the demo's good-job.sql creates it) with one job in every
 * state, written by GoodJob's own statements ({@link GoodJobSql}, after app/models/good_job/ at the same commit):
 * skiplocked and advisory-lock claims, a live advisory worker whose session holds its locks, a skiplocked process
 * that stopped refreshing 20 minutes ago, an advisory worker whose session died, and a job Process.cleanup unlocked.
 */
final class GoodJobFixture implements AutoCloseable {

    static final String G = "good_job.";
    final ActionFixture f = new ActionFixture("good-job");
    final GoodJobSql gj = new GoodJobSql("good_job");
    final Map<String, String> jobs = new LinkedHashMap<>();
    /** The live advisory worker's session: it holds its process lock and its job's advisory lock. */
    final Connection advisorySession;
    String liveProcess;

    GoodJobFixture() {
        try (Connection c = f.db.dataSource().getConnection()) {
            advisorySession = f.db.dataSource().getConnection();
            String advisoryProcess = gj.register(c, "app-1", 7101, true);
            gj.lockProcess(advisorySession, advisoryProcess);
            jobs.put("advisoryRunning", gj.enqueue(c, "ReportJob", "default", "[1]", 0, null));
            require(gj.claimWithAdvisoryLock(advisorySession, advisoryProcess), "advisoryRunning");

            String diedProcess = gj.register(c, "app-2", 7202, true);
            try (Connection dying = f.db.dataSource().getConnection()) {
                gj.lockProcess(dying, diedProcess);
                jobs.put("advisoryDied", gj.enqueue(c, "ImportJob", "default", "[2]", 0, null));
                require(gj.claimWithAdvisoryLock(dying, diedProcess), "advisoryDied");
            } // the worker's session ends: PostgreSQL releases its advisory locks

            liveProcess = gj.register(c, "app-3", 7303, false);
            String staleProcess = gj.register(c, "app-4", 7404, false);
            String cleanedProcess = gj.register(c, "app-5", 7505, false);
            jobs.put("running", claimed(c, "ReportJob", "default", liveProcess));
            jobs.put("staleLock", claimed(c, "ImportJob", "default", staleProcess));
            jobs.put("interrupted", claimed(c, "ImportJob", "default", cleanedProcess));
            String discarded = claimed(c, "AccountMailerJob", "mailers", liveProcess);
            gj.fail(c, discarded, "ActiveRecord::RecordNotFound", "Couldn't find Account with 'id'=7");
            jobs.put("discarded", discarded);
            String discarded2 = claimed(c, "AccountMailerJob", "mailers", liveProcess);
            gj.fail(c, discarded2, "ActiveRecord::RecordNotFound", "Couldn't find Account with 'id'=8");
            jobs.put("discarded2", discarded2);
            String done = claimed(c, "ReportJob", "default", liveProcess);
            gj.succeed(c, done);
            jobs.put("succeeded", done);
            String retried = claimed(c, "WebhookJob", "default", liveProcess);
            gj.retryLater(c, retried, "Faraday::TimeoutError", "timeout after 30s", 120);
            jobs.put("retried", retried);
            jobs.put("scheduled", gj.enqueue(c, "ReportJob", "default", "[3]", 3600, null));
            jobs.put("queued", gj.enqueue(c, "ReportJob", "default", "[4]", 0, null));
            jobs.put("paused", gj.enqueue(c, "AccountMailerJob", "mailers", "[5]", 0, null));
            // Time passes for one process only; Process.cleanup removed another and unlocked its job; mailers is paused.
            f.db.execute("UPDATE good_job.good_job_processes SET updated_at = updated_at - interval '20 minutes' WHERE id = '"
                    + staleProcess + "'; UPDATE good_job.good_jobs SET locked_by_id = NULL, locked_at = NULL WHERE locked_by_id = '"
                    + cleanedProcess + "'; DELETE FROM good_job.good_job_processes WHERE id = '" + cleanedProcess + "';"
                    + " INSERT INTO good_job.good_job_settings (key, value, created_at, updated_at) VALUES ('pauses',"
                    + " '{\"queues\": [\"mailers\"], \"job_classes\": [], \"labels\": []}', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String claimed(Connection c, String jobClass, String queue, String process) throws SQLException {
        String id = gj.enqueue(c, jobClass, queue, "[0]", 0, null);
        return require(gj.claim(c, process), id);
    }

    private String require(String claimed, String expected) {
        String want = jobs.getOrDefault(expected, expected);
        if (!want.equals(claimed)) {
            throw new IllegalStateException("expected to claim " + want + ", claimed " + claimed);
        }
        return claimed;
    }

    String id(String name) {
        return jobs.get(name);
    }

    ActionFixture.Run act(String action, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("act", action, "--profile", "good-job", "--reason", "test"));
        args.addAll(List.of(more));
        return f.cli(args.toArray(String[]::new));
    }

    long count(String where) {
        return Long.parseLong(f.value("SELECT count(*) FROM good_job.good_jobs WHERE " + where));
    }

    @Override
    public void close() throws SQLException {
        advisorySession.close();
    }
}
