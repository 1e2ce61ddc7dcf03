package io.pitwall.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The statements pg-boss 12 runs, as timgit/pg-boss src/plans.ts builds them at 55ee32f6 (12.27.0): insertJobs,
 * fetchNextJob (the plain case: no group concurrency, no singleton batch), completeJobs, failJobsById /
 * failJobsByTimeout / failJobsByHeartbeat (one failJobsBody: delete, re-insert as retry or failed, dead letter),
 * touchJobs and getQueueStats. Each acts on the queue's own table ({@code pgboss.queue.table_name}).
 */
public final class PgBossSql {

    private PgBossSql() {
    }

    private static final String COLUMNS = """
            id, name, priority, data, state, retry_limit, retry_count, retry_delay, retry_backoff, retry_delay_max,
            start_after, started_on, singleton_key, singleton_on, group_id, group_tier, expire_seconds,
            deletion_seconds, created_on, completed_on, keep_until, policy, output, dead_letter, heartbeat_on,
            heartbeat_seconds, blocked, blocking, pending_dependencies""";

    /** failJobsBody with its {@code where} and {@code output} slots, for table %1$s. */
    private static final String FAIL = """
            WITH deleted_jobs AS (
              DELETE FROM pgboss.%1$s WHERE %2$s RETURNING *
            ),
            retried_jobs AS (
              INSERT INTO pgboss.%1$s (%4$s)
              SELECT id, name, priority, data,
                CASE WHEN retry_count < retry_limit THEN 'retry'::pgboss.job_state ELSE 'failed'::pgboss.job_state END as state,
                retry_limit, retry_count, retry_delay, retry_backoff, retry_delay_max,
                CASE WHEN retry_count = retry_limit THEN start_after
                     WHEN NOT retry_backoff THEN now() + retry_delay * interval '1'
                     ELSE now() + LEAST(retry_delay_max, GREATEST(retry_delay, 1) * (
                       2 ^ LEAST(16, retry_count + 1) / 2 + 2 ^ LEAST(16, retry_count + 1) / 2 * random())) * interval '1s'
                END as start_after,
                started_on, singleton_key, singleton_on, group_id, group_tier, expire_seconds, deletion_seconds,
                created_on, CASE WHEN retry_count < retry_limit THEN NULL ELSE now() END as completed_on, keep_until,
                policy, %3$s, dead_letter, NULL as heartbeat_on, heartbeat_seconds, blocked, blocking, pending_dependencies
              FROM deleted_jobs
              ON CONFLICT DO NOTHING
              RETURNING *
            ),
            failed_jobs as (
              INSERT INTO pgboss.%1$s (%4$s)
              SELECT id, name, priority, data, 'failed'::pgboss.job_state as state, retry_limit, retry_count,
                retry_delay, retry_backoff, retry_delay_max, start_after, started_on, singleton_key, singleton_on,
                group_id, group_tier, expire_seconds, deletion_seconds, created_on, now() as completed_on, keep_until,
                policy, %3$s, dead_letter, NULL as heartbeat_on, heartbeat_seconds, blocked, blocking, pending_dependencies
              FROM deleted_jobs
              WHERE id NOT IN (SELECT id from retried_jobs)
              RETURNING *
            ),
            results as (
              SELECT * FROM retried_jobs UNION ALL SELECT * FROM failed_jobs
            ),
            dlq_jobs as (
              INSERT INTO pgboss.job (name, data, output, retry_limit, retry_backoff, retry_delay, keep_until,
                deletion_seconds, expire_seconds, source_name, source_id, source_created_on, source_retry_count,
                singleton_key, heartbeat_seconds)
              SELECT r.dead_letter, r.data, r.output, q.retry_limit, q.retry_backoff, q.retry_delay,
                now() + q.retention_seconds * interval '1s', q.deletion_seconds, q.expire_seconds, r.name, r.id,
                r.created_on, r.retry_count, r.singleton_key, r.heartbeat_seconds
              FROM results r JOIN pgboss.queue q ON q.name = r.dead_letter
              WHERE state = 'failed'
            )
            SELECT COUNT(*) FROM results
            """;

    /** The table a queue's jobs live in: job_common, or its own partition. */
    public static String table(Connection connection, String queue) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT table_name FROM pgboss.queue WHERE name = ?")) {
            statement.setString(1, queue);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalArgumentException("no pg-boss queue " + queue);
                }
                return rows.getString(1);
            }
        }
    }

    public static void createQueue(Connection connection, String queue, String optionsJson) throws SQLException {
        Jdbc.call(connection, "SELECT pgboss.create_queue(?, ?::jsonb)", queue, optionsJson);
    }

    /** insertJobs for one job: {@code jobJson} has insertJobs' fields (data, startAfter, retryLimit, singletonKey, ...). */
    public static String send(Connection connection, String queue, String jobJson) throws SQLException {
        String sql = """
                INSERT INTO pgboss.%s (id, name, data, priority, start_after, singleton_key, singleton_on, group_id,
                  group_tier, expire_seconds, deletion_seconds, keep_until, retry_limit, retry_delay, retry_backoff,
                  retry_delay_max, policy, dead_letter, heartbeat_seconds, blocked, blocking, pending_dependencies)
                SELECT COALESCE(id, gen_random_uuid()), ?, data, COALESCE(priority, 0), j.start_after, "singletonKey",
                  NULL, "groupId", "groupTier", COALESCE("expireInSeconds", q.expire_seconds),
                  COALESCE("deleteAfterSeconds", q.deletion_seconds),
                  j.start_after + (COALESCE("retentionSeconds", q.retention_seconds) * interval '1s'),
                  COALESCE("retryLimit", q.retry_limit), COALESCE("retryDelay", q.retry_delay),
                  COALESCE("retryBackoff", q.retry_backoff, false), COALESCE("retryDelayMax", q.retry_delay_max),
                  q.policy, COALESCE("deadLetter", q.dead_letter), COALESCE("heartbeatSeconds", q.heartbeat_seconds),
                  false, false, 0
                FROM (
                  SELECT *, CASE WHEN right("startAfter", 1) = 'Z' THEN CAST("startAfter" as timestamp with time zone)
                                 ELSE now() + CAST(COALESCE("startAfter",'0') as interval) END as start_after
                  FROM json_to_recordset(?::json) as x (id uuid, priority integer, data jsonb, "startAfter" text,
                    "retryLimit" integer, "retryDelay" integer, "retryDelayMax" integer, "retryBackoff" boolean,
                    "singletonKey" text, "groupId" text, "groupTier" text, "expireInSeconds" integer,
                    "deleteAfterSeconds" integer, "retentionSeconds" integer, "deadLetter" text,
                    "heartbeatSeconds" integer)
                ) j
                JOIN pgboss.queue q ON q.name = ?
                ON CONFLICT DO NOTHING
                RETURNING id
                """.formatted(table(connection, queue));
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, queue);
            statement.setString(2, "[" + jobJson + "]");
            statement.setString(3, queue);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /** fetchNextJob with limit 1: the id it made active, or null. */
    public static String fetch(Connection connection, String queue) throws SQLException {
        String table = table(connection, queue);
        String sql = """
                WITH next AS (
                  SELECT j.id FROM pgboss.%1$s j
                  WHERE j.name = ? AND j.state < 'active' AND NOT j.blocked AND j.start_after <= now()
                  ORDER BY j.priority desc, j.created_on, j.id
                  LIMIT 1
                  FOR UPDATE OF j SKIP LOCKED
                )
                UPDATE pgboss.%1$s j SET
                  state = 'active',
                  started_on = now(),
                  heartbeat_on = now(),
                  retry_count = CASE WHEN started_on IS NOT NULL THEN retry_count + 1 ELSE retry_count END
                FROM next
                WHERE name = ? AND j.id = next.id
                RETURNING j.id
                """.formatted(table);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, queue);
            statement.setString(2, queue);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /** completeJobs: active → completed with the handler's output. */
    public static int complete(Connection connection, String queue, String id, String outputJson) throws SQLException {
        return count(connection, """
                WITH results AS (
                  UPDATE pgboss.%s SET completed_on = now(), state = 'completed', output = ?::jsonb,
                    blocked = blocked, pending_dependencies = pending_dependencies
                  WHERE name = ? AND id = ANY(?::uuid[]) AND state = 'active'
                  RETURNING 1
                )
                SELECT COUNT(*) FROM results
                """.formatted(table(connection, queue)), outputJson, queue, new String[]{id});
    }

    /** failJobsById: the worker threw; {@code outputJson} is the serialized error ({name, message, stack}). */
    public static int fail(Connection connection, String queue, String id, String outputJson) throws SQLException {
        String table = table(connection, queue);
        return count(connection, FAIL.formatted(table, "name = ? AND id = ANY(?::uuid[]) AND state < 'completed'",
                "?::jsonb", COLUMNS), queue, new String[]{id}, outputJson, outputJson);
    }

    /** failJobsByTimeout: the supervisor fails active jobs past their expireInSeconds with "job timed out". */
    public static int expire(Connection connection, String queue) throws SQLException {
        return count(connection, FAIL.formatted(table(connection, queue), """
                state = 'active' AND (started_on + expire_seconds * interval '1s') < now() AND name = ANY(?::text[])""",
                "'{ \"value\": { \"message\": \"job timed out\" } }'::jsonb", COLUMNS), (Object) new String[]{queue});
    }

    /** failJobsByHeartbeat: active jobs whose heartbeat is older than their heartbeatSeconds. */
    public static int expireHeartbeats(Connection connection, String queue) throws SQLException {
        return count(connection, FAIL.formatted(table(connection, queue), """
                state = 'active' AND heartbeat_seconds IS NOT NULL AND (heartbeat_on + heartbeat_seconds * interval '1s') < now()
                AND name = ANY(?::text[])""",
                "'{ \"value\": { \"message\": \"job heartbeat timeout\" } }'::jsonb", COLUMNS), (Object) new String[]{queue});
    }

    /** touchJobs: a live worker's heartbeat. */
    public static int touch(Connection connection, String queue, String id) throws SQLException {
        return count(connection, """
                WITH results AS (
                  UPDATE pgboss.%s SET heartbeat_on = now() WHERE name = ? AND id = ANY(?::uuid[]) AND state = 'active'
                  RETURNING 1
                )
                SELECT COUNT(*) FROM results
                """.formatted(table(connection, queue)), queue, new String[]{id});
    }

    /** getQueueStats for one queue: deferredCount, queuedCount, readyCount, activeCount, failedCount, totalCount. */
    public static Map<String, Long> queueStats(Connection connection, String queue) throws SQLException {
        String sql = """
                SELECT "deferredCount", "queuedCount", GREATEST("queuedCount" - "deferredCount", 0) as "readyCount",
                       "activeCount", "failedCount", "totalCount"
                  FROM (
                    SELECT name,
                      (count(*) FILTER (WHERE start_after > now() AND state < 'active'))::int as "deferredCount",
                      (count(*) FILTER (WHERE state < 'active'))::int as "queuedCount",
                      (count(*) FILTER (WHERE state = 'active'))::int as "activeCount",
                      (count(*) FILTER (WHERE state = 'failed'))::int as "failedCount",
                      count(*)::int as "totalCount"
                    FROM pgboss.%s
                    WHERE name = ANY(?::text[])
                    GROUP BY 1
                  ) stats
                """.formatted(table(connection, queue));
        Map<String, Long> stats = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, new String[]{queue});
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        stats.put(rows.getMetaData().getColumnLabel(i), rows.getLong(i));
                    }
                }
            }
        }
        return stats;
    }

    private static int count(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }
}
