package io.pitwall.systems;

import io.pitwall.demo.SolidQueueSql;
import io.pitwall.runbook.ActionFixture;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Solid Queue's real schema (rails/solid_queue lib/generators/solid_queue/install/templates/db/queue_schema.rb at
 * commit 29e818d9, as the demo's solid-queue.sql creates it) with one job in every state, each written by Solid
 * Queue's own statements ({@link SolidQueueSql}, after app/models/solid_queue/ at the same commit), including the
 * jobs of a dead worker: one whose heartbeat stopped 12 minutes ago and one whose process row is gone.
 */
final class SolidQueueFixture {

    static final String S = "solid_queue";
    final ActionFixture f = new ActionFixture("solid-queue");
    final SolidQueueSql sq = new SolidQueueSql(S);
    long liveWorker;
    long deadWorker;
    final Map<String, Long> jobs = new java.util.LinkedHashMap<>();

    SolidQueueFixture() {
        try (Connection c = f.db.dataSource().getConnection()) {
            long supervisor = sq.register(c, "Supervisor", "app-1", 4100, null);
            liveWorker = sq.register(c, "Worker", "app-1", 4101, supervisor);
            deadWorker = sq.register(c, "Worker", "app-2", 5202, null);
            long goneProcess = sq.register(c, "Worker", "app-3", 6303, null);
            // Each claimed job is enqueued alone, so the claim takes exactly that one.
            jobs.put("running", claimed(c, "ReportJob", "default", liveWorker));
            jobs.put("deadHeartbeat", claimed(c, "ImportJob", "default", deadWorker));
            jobs.put("orphaned", claimed(c, "ImportJob", "default", goneProcess));
            long failed1 = claimed(c, "UserMailerJob", "mailers", liveWorker);
            sq.fail(c, failed1, "ActiveRecord::RecordNotFound", "Couldn't find User with 'id'=42");
            jobs.put("failed", failed1);
            long failed2 = claimed(c, "UserMailerJob", "mailers", liveWorker);
            sq.fail(c, failed2, "ActiveRecord::RecordNotFound", "Couldn't find User with 'id'=43");
            jobs.put("failed2", failed2);
            long done = claimed(c, "ReportJob", "default", liveWorker);
            sq.finish(c, done);
            jobs.put("finished", done);
            long attempt = claimed(c, "WebhookJob", "default", liveWorker);
            jobs.put("retriedAttempt", attempt);
            jobs.put("retry", sq.retryLater(c, attempt, 90));
            jobs.put("ready", sq.enqueue(c, "ReportJob", "default", "[7]", null, 0, 0, null, false));
            jobs.put("paused", sq.enqueue(c, "UserMailerJob", "mailers", "[8]", null, 0, 0, null, false));
            jobs.put("scheduled", sq.enqueue(c, "ReportJob", "default", "[9]", null, 0, 3600, null, false));
            jobs.put("blocked", sq.enqueue(c, "ImportJob", "default", "[10]", null, 0, 0, "ImportJob/account-1", true));
            // Time passes for the dead worker only: its heartbeat stopped 12 minutes ago; the other process row is gone.
            f.db.execute("UPDATE solid_queue.solid_queue_processes SET last_heartbeat_at = last_heartbeat_at - interval '12 minutes'"
                    + " WHERE id = " + deadWorker + "; DELETE FROM solid_queue.solid_queue_processes WHERE id = " + goneProcess
                    + "; INSERT INTO solid_queue.solid_queue_pauses (queue_name, created_at) VALUES ('mailers', now() AT TIME ZONE 'UTC')");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long claimed(Connection c, String className, String queue, long process) throws SQLException {
        long id = sq.enqueue(c, className, queue, "[1]", null, 0, 0, null, false);
        List<Long> claimed = sq.claim(c, process, 1);
        if (!claimed.equals(List.of(id))) {
            throw new IllegalStateException("expected to claim " + id + ", claimed " + claimed);
        }
        return id;
    }

    String id(String name) {
        return String.valueOf(jobs.get(name));
    }

    ActionFixture.Run act(String action, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("act", action, "--profile", "solid-queue", "--reason", "test"));
        args.addAll(List.of(more));
        return f.cli(args.toArray(String[]::new));
    }

    List<Long> claim(long process, int limit) {
        try (Connection c = f.db.dataSource().getConnection()) {
            return sq.claim(c, process, limit);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql) {
        return Long.parseLong(f.value(sql));
    }
}
