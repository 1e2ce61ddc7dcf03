package io.pitwall.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * GoodJob's own statements, as its ActiveRecord models issue them (bensheldon/good_job app/models/good_job/job.rb,
 * job/lockable.rb, process.rb, concerns/advisory_lockable.rb; v4.19.2, commit 81db22b7): Job.enqueue, the
 * :skiplocked claim (a MATERIALIZED candidate CTE FOR NO KEY UPDATE SKIP LOCKED setting locked_by_id), the :advisory
 * claim (pg_try_advisory_lock on md5('good_jobs-' || id) held by the worker's session), Job#perform's execution row,
 * its finish, failure and retry_on re-enqueue of the same row, and Process records. Times are UTC in timestamp
 * without time zone, as ActiveRecord writes them.
 */
public final class GoodJobSql {

    private static final String NOW = "(now() AT TIME ZONE 'UTC')";
    /** AdvisoryLockable's key for a row: the first 64 bits of md5('table-id'). */
    public static final String JOB_LOCK_KEY = "('x' || substr(md5('good_jobs-' || ?::text), 1, 16))::bit(64)::bigint";

    private final String schema;

    public GoodJobSql(String schema) {
        this.schema = schema;
    }

    private String t(String table) {
        return schema + "." + table;
    }

    /** Active Job's serialized job, as serialized_params holds it. */
    static String serialized(String className, String jobId, String queue, int executions, String args) {
        return "{\"job_class\":\"" + className + "\",\"job_id\":\"" + jobId + "\",\"provider_job_id\":null,\"queue_name\":\""
                + queue + "\",\"priority\":null,\"arguments\":" + args + ",\"executions\":" + executions
                + ",\"exception_executions\":{},\"locale\":\"en\",\"timezone\":\"UTC\"}";
    }

    /** GoodJob::Process.find_or_create_record: a process row (lock_type 0 when it holds its advisory lock). */
    public String register(Connection c, String hostname, int pid, boolean advisory) throws SQLException {
        String id = UUID.randomUUID().toString();
        Jdbc.update(c, "INSERT INTO " + t("good_job_processes") + " (id, created_at, updated_at, state, lock_type) VALUES (?::uuid, "
                + NOW + ", " + NOW + ", jsonb_build_object('id', ?::text, 'hostname', ?::text, 'pid', ?::int, 'proctitle',"
                + " 'good_job', 'preserve_job_records', true, 'retry_on_unhandled_error', false), ?)", id, id, hostname, pid,
                advisory ? 0 : null);
        return id;
    }

    /** Process#refresh: state and updated_at, every 30 s. */
    public void refresh(Connection c, String processId) throws SQLException {
        Jdbc.update(c, "UPDATE " + t("good_job_processes") + " SET updated_at = " + NOW + " WHERE id = ?::uuid", processId);
    }

    /** The process's own advisory lock, held by its session while it lives. */
    public boolean lockProcess(Connection session, String processId) throws SQLException {
        return queryBoolean(session, "SELECT pg_try_advisory_lock(('x' || substr(md5('good_job_processes-' || ?::text), 1, 16))::bit(64)::bigint)",
                processId);
    }

    /** Job.enqueue: one row whose id is the Active Job id. */
    public String enqueue(Connection c, String jobClass, String queue, String args, double delaySeconds, String batchId)
            throws SQLException {
        String id = UUID.randomUUID().toString();
        Jdbc.update(c, "INSERT INTO " + t("good_jobs") + " (id, active_job_id, job_class, queue_name, priority, serialized_params,"
                + " created_at, updated_at, scheduled_at, batch_id, executions_count) VALUES (?::uuid, ?::uuid, ?, ?, 0, ?::jsonb, "
                + NOW + ", " + NOW + ", " + NOW + " + make_interval(secs => ?), ?::uuid, 0)", id, id, jobClass, queue,
                serialized(jobClass, id, queue, 0, args), delaySeconds, batchId);
        return id;
    }

    /**
     * The :skiplocked claim (Lockable.with_skip_locked_claim over unfinished, unlocked, due, not paused jobs in
     * dequeueing order), then Job#perform's start: an execution row and performed_at, in one transaction.
     *
     * @return the claimed job's id, or null
     */
    public String claim(Connection c, String processId) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            String id = null;
            try (PreparedStatement s = c.prepareStatement("WITH candidate AS MATERIALIZED (SELECT id FROM " + t("good_jobs")
                    + " WHERE finished_at IS NULL AND locked_by_id IS NULL AND scheduled_at <= " + NOW
                    + " AND queue_name NOT IN (SELECT jsonb_array_elements_text(value->'queues') FROM " + t("good_job_settings")
                    + " WHERE key = 'pauses') ORDER BY priority ASC NULLS LAST, created_at ASC LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED)"
                    + " UPDATE " + t("good_jobs") + " SET locked_by_id = ?::uuid, locked_at = " + NOW + ", lock_type = 1"
                    + " FROM candidate WHERE good_jobs.id = candidate.id RETURNING good_jobs.id::text")) {
                s.setString(1, processId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        id = rs.getString(1);
                    }
                }
            }
            if (id != null) {
                perform(c, id, processId);
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

    /**
     * The :advisory claim: the next due job whose advisory lock this session gets (pg_try_advisory_lock, a session
     * lock held until the job ends or the session dies), then perform's start with locked_by_id and lock_type 0.
     */
    public String claimWithAdvisoryLock(Connection session, String processId) throws SQLException {
        String id = null;
        try (PreparedStatement s = session.prepareStatement("SELECT id::text FROM " + t("good_jobs")
                + " WHERE finished_at IS NULL AND scheduled_at <= " + NOW + " ORDER BY priority ASC NULLS LAST, created_at ASC")) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next() && id == null) {
                    if (queryBoolean(session, "SELECT pg_try_advisory_lock(" + JOB_LOCK_KEY + ")", rs.getString(1))) {
                        id = rs.getString(1);
                    }
                }
            }
        }
        if (id != null) {
            perform(session, id, processId);
            Jdbc.update(session, "UPDATE " + t("good_jobs") + " SET locked_by_id = ?::uuid, locked_at = " + NOW
                    + ", lock_type = 0 WHERE id = ?::uuid", processId, id);
        }
        return id;
    }

    /**
     * GoodJob 3.x before its migration 13 (no locked_by_id, no executions.process_id): the advisory claim and
     * perform's start, with the job's advisory lock as the only sign that it runs.
     */
    public String claimWithAdvisoryLockV3(Connection session) throws SQLException {
        try (PreparedStatement s = session.prepareStatement("SELECT id::text FROM " + t("good_jobs")
                + " WHERE finished_at IS NULL AND scheduled_at <= " + NOW + " ORDER BY priority ASC NULLS LAST, created_at ASC")) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (queryBoolean(session, "SELECT pg_try_advisory_lock(" + JOB_LOCK_KEY + ")", rs.getString(1))) {
                        String id = rs.getString(1);
                        Jdbc.update(session, "INSERT INTO " + t("good_job_executions") + " (active_job_id, job_class, queue_name,"
                                + " serialized_params, scheduled_at, created_at, updated_at) SELECT id, job_class, queue_name,"
                                + " serialized_params, coalesce(scheduled_at, created_at), " + NOW + ", " + NOW + " FROM "
                                + t("good_jobs") + " WHERE id = ?::uuid", id);
                        Jdbc.update(session, "UPDATE " + t("good_jobs") + " SET performed_at = " + NOW + ", executions_count ="
                                + " coalesce(executions_count, 0) + 1, updated_at = " + NOW + " WHERE id = ?::uuid", id);
                        return id;
                    }
                }
            }
        }
        return null;
    }

    private void perform(Connection c, String id, String processId) throws SQLException {
        Jdbc.update(c, "INSERT INTO " + t("good_job_executions") + " (active_job_id, job_class, queue_name, serialized_params,"
                + " scheduled_at, created_at, updated_at, process_id) SELECT id, job_class, queue_name, serialized_params,"
                + " coalesce(scheduled_at, created_at), " + NOW + ", " + NOW + ", ?::uuid FROM " + t("good_jobs") + " WHERE id = ?::uuid",
                processId, id);
        Jdbc.update(c, "UPDATE " + t("good_jobs") + " SET performed_at = " + NOW + ", executions_count = coalesce(executions_count, 0) + 1,"
                + " updated_at = " + NOW + " WHERE id = ?::uuid", id);
    }

    /** The end of Job#perform: unlock, record the outcome on the job and its open execution. */
    private void finish(Connection c, String id, String error, Integer errorEvent, boolean reenqueued, double waitSeconds)
            throws SQLException {
        Jdbc.update(c, "UPDATE " + t("good_job_executions") + " SET finished_at = " + NOW + ", error = ?, error_event = ?,"
                + " duration = " + NOW + " - created_at, updated_at = " + NOW
                + " WHERE active_job_id = ?::uuid AND finished_at IS NULL", error, errorEvent, id);
        Jdbc.update(c, "UPDATE " + t("good_jobs") + " SET locked_by_id = NULL, locked_at = NULL, lock_type = NULL, error = ?,"
                + " error_event = ?, updated_at = " + NOW
                + (reenqueued ? ", performed_at = NULL, finished_at = NULL, scheduled_at = " + NOW + " + make_interval(secs => ?),"
                + " serialized_params = jsonb_set(serialized_params, '{executions}', to_jsonb(coalesce((serialized_params->>'executions')::int, 0) + 1))"
                : ", finished_at = " + NOW) + " WHERE id = ?::uuid",
                reenqueued ? new Object[]{error, errorEvent, waitSeconds, id} : new Object[]{error, errorEvent, id});
    }

    public void succeed(Connection c, String id) throws SQLException {
        finish(c, id, null, null, false, 0);
    }

    /** An unhandled error with no retry left: the job finishes discarded, error "Class: message", error_event unhandled. */
    public void fail(Connection c, String id, String errorClass, String message) throws SQLException {
        finish(c, id, errorClass + ": " + message, 1, false, 0);
    }

    /** retry_on: the same row enqueued again after the wait, error kept, error_event retried. */
    public void retryLater(Connection c, String id, String errorClass, String message, double waitSeconds) throws SQLException {
        finish(c, id, errorClass + ": " + message, 3, true, waitSeconds);
    }

    /** The advisory worker's session lets go of the job's lock once perform is done. */
    public void unlock(Connection session, String id) throws SQLException {
        queryBoolean(session, "SELECT pg_advisory_unlock(" + JOB_LOCK_KEY + ")", id);
    }

    private static boolean queryBoolean(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
