package io.pitwall.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements a Graphile Worker 0.16+ pool runs, as graphile/worker builds them at abfb4cff (0.17.3):
 * src/sql/getJobs.ts (named-queue strategy 2, one job per call, {@code useNodeTime} so a caller can claim "as of"
 * an earlier time), src/sql/completeJobs.ts, src/sql/failJobs.ts (batchFailJobs) and src/sql/resetLockedAt.ts.
 */
public final class GraphileWorkerSql {

    private GraphileWorkerSql() {
    }

    /**
     * The table names the statements use: 0.16+ has graphile_worker._private_jobs, _private_job_queues and
     * _private_tasks; 0.13 to 0.15 (migrations 000011 to 000015) ran the same statements on jobs, job_queues, tasks.
     */
    public enum Tables {
        CURRENT, LEGACY;

        String apply(String sql) {
            return this == CURRENT ? sql : sql.replace("._private_", ".");
        }
    }

    /** getJobs: the next available job of the given tasks, locking its named queue too. $1 pool id, $2 task ids, $3 now. */
    static final String GET_JOB = """
            with j as (
              select jobs.job_queue_id, jobs.priority, jobs.run_at, jobs.id
                from graphile_worker._private_jobs as jobs
                where jobs.is_available = true
                and run_at <= ?::timestamptz
                and task_id = any(?::int[])
                and (
                  jobs.job_queue_id is null
                  or
                  jobs.job_queue_id in (
                    select id
                    from graphile_worker._private_job_queues as job_queues
                    where job_queues.is_available = true
                    for update
                    skip locked
                  )
                )
                order by priority asc, run_at asc
                limit 1
                for update
                skip locked
            ),
            q as (
              update graphile_worker._private_job_queues as job_queues
                set
                  locked_by = ?::text,
                  locked_at = ?::timestamptz
                from j
                where job_queues.id = j.job_queue_id
            )
              update graphile_worker._private_jobs as jobs
                set
                  attempts = jobs.attempts + 1,
                  locked_by = ?::text,
                  locked_at = ?::timestamptz
                from j
                where jobs.id = j.id
                returning jobs.id
            """;

    /** completeJobs for a job in a named queue: delete it and free its queue if this pool holds it. */
    static final String COMPLETE_JOB = """
            with j as (
            delete from graphile_worker._private_jobs as jobs
            using unnest(?::bigint[]) n(n)
            where id = n
            returning *
            )
            update graphile_worker._private_job_queues as job_queues
            set locked_by = null, locked_at = null
            from j
            where job_queues.id = j.job_queue_id and job_queues.locked_by = ?::text
            """;

    /** batchFailJobs: record the error, back off exp(min(attempts, 10)) s, unlock the job and its queue. */
    static final String FAIL_JOB = """
            with j as (
            update graphile_worker._private_jobs as jobs
            set
            last_error = (el->>'message'),
            run_at = greatest(now(), run_at) + (exp(least(attempts, 10)) * interval '1 second'),
            locked_by = null,
            locked_at = null,
            payload = coalesce(el->'payload', jobs.payload)
            from json_array_elements(?::json) as els(el)
            where id = (el->>'jobId')::bigint and locked_by = ?::text
            returning *
            )
            update graphile_worker._private_job_queues as job_queues
            set locked_by = null, locked_at = null
            from j
            where job_queues.id = j.job_queue_id and job_queues.locked_by = ?::text
            """;

    /** resetLockedAt: a lock older than 4 hours is a dead worker's; free the job (not before its run_at) and queue. */
    static final String RESET_LOCKED_AT = """
            with j as (
            update graphile_worker._private_jobs as jobs
            set locked_at = null, locked_by = null, run_at = greatest(run_at, now())
            where locked_at < now() - interval '4 hours'
            )
            update graphile_worker._private_job_queues as job_queues
            set locked_at = null, locked_by = null
            where locked_at < now() - interval '4 hours'
            """;

    /** Claims the next job as the worker pool {@code poolId} would at {@code now}; the job id, or null for none. */
    public static Long getJob(Connection connection, String poolId, Instant now) throws SQLException {
        return getJob(connection, Tables.CURRENT, poolId, now);
    }

    public static Long getJob(Connection connection, Tables tables, String poolId, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(tables.apply(GET_JOB))) {
            Timestamp at = Timestamp.from(now);
            Integer[] tasks = taskIds(connection, tables);
            statement.setTimestamp(1, at);
            statement.setArray(2, connection.createArrayOf("int4", tasks));
            statement.setString(3, poolId);
            statement.setTimestamp(4, at);
            statement.setString(5, poolId);
            statement.setTimestamp(6, at);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : null;
            }
        }
    }

    public static void completeJob(Connection connection, String poolId, long jobId) throws SQLException {
        completeJob(connection, Tables.CURRENT, poolId, jobId);
    }

    public static void completeJob(Connection connection, Tables tables, String poolId, long jobId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(tables.apply(COMPLETE_JOB))) {
            statement.setArray(1, connection.createArrayOf("int8", new Long[]{jobId}));
            statement.setString(2, poolId);
            statement.executeUpdate();
        }
    }

    public static void failJob(Connection connection, String poolId, long jobId, String message) throws SQLException {
        failJob(connection, Tables.CURRENT, poolId, jobId, message);
    }

    public static void failJob(Connection connection, Tables tables, String poolId, long jobId, String message)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(tables.apply(FAIL_JOB))) {
            String spec = "[{\"jobId\": \"" + jobId + "\", \"message\": " + jsonString(message) + "}]";
            statement.setString(1, spec);
            statement.setString(2, poolId);
            statement.setString(3, poolId);
            statement.executeUpdate();
        }
    }

    /** The jobs a pool has held for at least {@code seconds}: what its handlers are done with. */
    static List<Long> heldJobs(Connection connection, String poolId, int seconds) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT id FROM graphile_worker._private_jobs "
                + "WHERE locked_by = ? AND locked_at <= now() - make_interval(secs => ?) ORDER BY id")) {
            statement.setString(1, poolId);
            statement.setInt(2, seconds);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    public static void resetLockedAt(Connection connection) throws SQLException {
        Jdbc.update(connection, RESET_LOCKED_AT);
    }

    /** Every known task, as a pool that registered all of them fetches. */
    private static Integer[] taskIds(Connection connection, Tables tables) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(tables.apply(
                "SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM graphile_worker._private_tasks"));
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return (Integer[]) rows.getArray(1).getArray();
        }
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
