package io.pitwall.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Solid Queue's own statements, as its ActiveRecord models issue them (rails/solid_queue app/models/solid_queue/,
 * commit 29e818d9): Job.enqueue with prepare_for_execution, ReadyExecution.claim, ClaimedExecution#perform
 * (finished / failed_with), ScheduledExecution.dispatch_next_batch, Process.register / heartbeat / prune. Times are
 * written as ActiveRecord writes them: UTC into timestamp without time zone. Used by the demo's workers and by the
 * tests, so both write rows exactly as Solid Queue does.
 */
public final class SolidQueueSql {

    private static final String NOW = "(now() AT TIME ZONE 'UTC')";

    private final String schema;

    /** @param schema the (unquoted, plain) schema holding Solid Queue's tables */
    public SolidQueueSql(String schema) {
        this.schema = schema;
    }

    private String t(String table) {
        return schema + ".solid_queue_" + table;
    }

    /** Active Job's serialized job, as Job#arguments holds it (JSON text). */
    public static String serialized(String className, String activeJobId, String queue, int executions, String args) {
        return "{\"job_class\":\"" + className + "\",\"job_id\":\"" + activeJobId + "\",\"provider_job_id\":null,"
                + "\"queue_name\":\"" + queue + "\",\"priority\":null,\"arguments\":" + args + ",\"executions\":" + executions
                + ",\"exception_executions\":{" + (executions > 0 ? "\"[StandardError]\":" + executions : "") + "},"
                + "\"locale\":\"en\",\"timezone\":\"UTC\"}";
    }

    /**
     * Job.enqueue: the job row, then after_create prepare_for_execution: due → a ready execution (or, for a
     * concurrency-limited job whose semaphore is taken, a blocked one); not yet due → a scheduled execution.
     *
     * @param delaySeconds scheduled_at relative to now (0 or negative: due)
     * @param blocked      for a job with a concurrency key: whether its semaphore is taken
     */
    public long enqueue(Connection c, String className, String queue, String args, String activeJobId, int executions,
                        double delaySeconds, String concurrencyKey, boolean blocked) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            String jobId = activeJobId == null ? UUID.randomUUID().toString() : activeJobId;
            long id = queryLong(c, "INSERT INTO " + t("jobs") + " (queue_name, class_name, arguments, priority, active_job_id,"
                    + " scheduled_at, concurrency_key, created_at, updated_at) VALUES (?, ?, ?, 0, ?, " + NOW
                    + " + make_interval(secs => ?), ?, " + NOW + ", " + NOW + ") RETURNING id", queue, className,
                    serialized(className, jobId, queue, executions, args), jobId, delaySeconds, concurrencyKey);
            if (delaySeconds > 0) {
                Jdbc.update(c, "INSERT INTO " + t("scheduled_executions") + " (job_id, queue_name, priority, scheduled_at,"
                        + " created_at) SELECT id, queue_name, priority, scheduled_at, " + NOW + " FROM " + t("jobs")
                        + " WHERE id = ?", id);
            } else if (concurrencyKey != null && blocked) {
                Jdbc.update(c, "INSERT INTO " + t("blocked_executions") + " (job_id, queue_name, priority, concurrency_key,"
                        + " expires_at, created_at) SELECT id, queue_name, priority, concurrency_key, " + NOW
                        + " + interval '3 minutes', " + NOW + " FROM " + t("jobs") + " WHERE id = ?", id);
            } else {
                ready(c, id);
            }
            c.commit();
            return id;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** ReadyExecution.create_or_find_by!(job_id:), assuming queue_name and priority from the job. */
    private void ready(Connection c, long jobId) throws SQLException {
        Jdbc.update(c, "INSERT INTO " + t("ready_executions") + " (job_id, queue_name, priority, created_at)"
                + " SELECT id, queue_name, priority, " + NOW + " FROM " + t("jobs") + " WHERE id = ?", jobId);
    }

    /** Process.register: a worker (or dispatcher, supervisor) row with a fresh heartbeat. */
    public long register(Connection c, String kind, String hostname, int pid, Long supervisorId) throws SQLException {
        return queryLong(c, "INSERT INTO " + t("processes") + " (kind, last_heartbeat_at, supervisor_id, pid, hostname,"
                + " metadata, created_at, name) VALUES (?, " + NOW + ", ?, ?, ?, ?, " + NOW + ", ?) RETURNING id", kind,
                supervisorId, pid, hostname, "{\"queues\":\"*\",\"thread_pool_size\":3}",
                kind.toLowerCase() + "-" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 12));
    }

    /** Process#heartbeat: with_lock { touch(:last_heartbeat_at) }. */
    public void heartbeat(Connection c, long processId) throws SQLException {
        transaction(c, () -> {
            Jdbc.call(c, "SELECT id FROM " + t("processes") + " WHERE id = ? FOR UPDATE", processId);
            Jdbc.update(c, "UPDATE " + t("processes") + " SET last_heartbeat_at = " + NOW + " WHERE id = ?", processId);
        });
    }

    /**
     * ReadyExecution.claim over every queue not paused (QueueSelector with "*"): candidates in (priority, job_id)
     * order FOR UPDATE SKIP LOCKED, claimed executions inserted, the ready ones deleted, in one transaction.
     */
    public List<Long> claim(Connection c, long processId, int limit) throws SQLException {
        List<Long> claimed = new ArrayList<>();
        transaction(c, () -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, job_id FROM " + t("ready_executions")
                    + " WHERE queue_name NOT IN (SELECT queue_name FROM " + t("pauses") + ")"
                    + " ORDER BY priority ASC, job_id ASC LIMIT ? FOR UPDATE SKIP LOCKED")) {
                s.setInt(1, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(rs.getLong(2));
                    }
                }
            }
            for (long jobId : claimed) {
                Jdbc.update(c, "INSERT INTO " + t("claimed_executions") + " (job_id, process_id, created_at) VALUES (?, ?, "
                        + NOW + ")", jobId, processId);
            }
            Jdbc.update(c, "DELETE FROM " + t("ready_executions") + " WHERE job_id = ANY(?)",
                    c.createArrayOf("bigint", claimed.toArray()));
        });
        return claimed;
    }

    /** ClaimedExecution#perform, success: finalize { job.finished! } under the claimed execution's lock. */
    public boolean finish(Connection c, long jobId) throws SQLException {
        return finalize(c, jobId, () -> Jdbc.update(c, "UPDATE " + t("jobs") + " SET finished_at = " + NOW
                + ", updated_at = " + NOW + " WHERE id = ?", jobId));
    }

    /**
     * ClaimedExecution#failed_with: finalize { job.failed_with(error) }, a failed execution whose error is the JSON
     * FailedExecution serializes: exception_class, message, backtrace.
     */
    public boolean fail(Connection c, long jobId, String exceptionClass, String message) throws SQLException {
        return finalize(c, jobId, () -> Jdbc.update(c, "INSERT INTO " + t("failed_executions") + " (job_id, error, created_at)"
                + " VALUES (?, jsonb_build_object('exception_class', ?::text, 'message', ?::text, 'backtrace',"
                + " jsonb_build_array('app/jobs/application_job.rb:12:in `perform''', 'activejob/lib/active_job/execution.rb:68'))::text, "
                + NOW + ")", jobId, exceptionClass, message));
    }

    /**
     * Active Job's retry_on: the attempt's error is rescued and the job enqueued again (a new row, same
     * active_job_id, executions + 1, scheduled after the wait), then this execution finishes normally.
     */
    public long retryLater(Connection c, long jobId, double waitSeconds) throws SQLException {
        String[] job = new String[3];
        try (PreparedStatement s = c.prepareStatement("SELECT class_name, queue_name, active_job_id,"
                + " coalesce((arguments::jsonb->>'executions')::int, 0), (arguments::jsonb->'arguments')::text FROM "
                + t("jobs") + " WHERE id = ?")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return -1;
                }
                job[0] = rs.getString(1);
                job[1] = rs.getString(2);
                job[2] = rs.getString(3);
                int executions = rs.getInt(4);
                String args = rs.getString(5);
                long next = enqueue(c, job[0], job[1], args, job[2], executions + 1, waitSeconds, null, false);
                finish(c, jobId);
                return next;
            }
        }
    }

    /** ScheduledExecution.dispatch_next_batch: due scheduled executions become ready, in one transaction. */
    public int dispatchScheduled(Connection c, int batchSize) throws SQLException {
        int[] moved = {0};
        transaction(c, () -> {
            List<Long> due = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT job_id FROM " + t("scheduled_executions")
                    + " WHERE scheduled_at <= " + NOW + " ORDER BY scheduled_at ASC, priority ASC, job_id ASC LIMIT ?"
                    + " FOR UPDATE SKIP LOCKED")) {
                s.setInt(1, batchSize);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        due.add(rs.getLong(1));
                    }
                }
            }
            for (long jobId : due) {
                ready(c, jobId);
            }
            moved[0] = Jdbc.update(c, "DELETE FROM " + t("scheduled_executions") + " WHERE job_id = ANY(?)",
                    c.createArrayOf("bigint", due.toArray()));
        });
        return moved[0];
    }

    /**
     * Process.prune: processes without a heartbeat within process_alive_threshold fail their claimed executions
     * with ProcessPrunedError and are deregistered.
     */
    public int prune(Connection c, long excludingProcessId) throws SQLException {
        List<long[]> dead = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT p.id, c.job_id FROM " + t("processes") + " p LEFT JOIN "
                + t("claimed_executions") + " c ON c.process_id = p.id WHERE p.last_heartbeat_at <= " + NOW
                + " - interval '5 minutes' AND p.id <> ?")) {
            s.setLong(1, excludingProcessId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    dead.add(new long[]{rs.getLong(1), rs.getObject(2) == null ? -1 : rs.getLong(2)});
                }
            }
        }
        for (long[] row : dead) {
            if (row[1] >= 0) {
                fail(c, row[1], "SolidQueue::Processes::ProcessPrunedError",
                        "Process was found dead and pruned (last heartbeat at: " + java.time.Instant.now() + ")");
            }
        }
        return Jdbc.update(c, "DELETE FROM " + t("processes") + " WHERE id = ANY(?)",
                c.createArrayOf("bigint", dead.stream().map(r -> r[0]).distinct().toArray()));
    }

    private boolean finalize(Connection c, long jobId, SqlStep change) throws SQLException {
        boolean[] done = {false};
        transaction(c, () -> {
            // unless_already_finalized: lock the claimed execution; nothing to do if it is gone
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM " + t("claimed_executions")
                    + " WHERE job_id = ? FOR UPDATE")) {
                s.setLong(1, jobId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                }
            }
            change.run();
            Jdbc.update(c, "DELETE FROM " + t("claimed_executions") + " WHERE job_id = ?", jobId);
            done[0] = true;
        });
        return done[0];
    }

    interface SqlStep {
        void run() throws SQLException;
    }

    private static void transaction(Connection c, SqlStep step) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            step.run();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static long queryLong(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
