package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one pg-boss profile on the schema versions before 12, through its optional columns: v9 (timgit/pg-boss
 * src/plans.js at tag 9.0.3: createJobTable with run-together names such as startedon and expirein, the
 * 'expired' state, the archive table; fetchNextJob, failJobs, expire, cancelJobs) and v10, the first partitioned
 * one (src/plans.js at tag 10.0.0: createTableJob PARTITION BY LIST (name) with snake_case and expire_in, one table
 * per queue from create_queue, fetchNextJob). Neither has heartbeats or expire_seconds.
 */
class PgBossOlderVersionsTest {

    private static final String V9_SCHEMA = """
            CREATE SCHEMA pgboss;
            CREATE TABLE pgboss.version (version int primary key, maintained_on timestamp with time zone, cron_on timestamp with time zone);
            INSERT INTO pgboss.version (version) VALUES (20);
            CREATE TYPE pgboss.job_state AS ENUM ('created', 'retry', 'active', 'completed', 'expired', 'cancelled', 'failed');
            CREATE TABLE pgboss.job (
              id uuid primary key not null default gen_random_uuid(),
              name text not null,
              priority integer not null default(0),
              data jsonb,
              state pgboss.job_state not null default('created'),
              retryLimit integer not null default(0),
              retryCount integer not null default(0),
              retryDelay integer not null default(0),
              retryBackoff boolean not null default false,
              startAfter timestamp with time zone not null default now(),
              startedOn timestamp with time zone,
              singletonKey text,
              singletonOn timestamp without time zone,
              expireIn interval not null default interval '15 minutes',
              createdOn timestamp with time zone not null default now(),
              completedOn timestamp with time zone,
              keepUntil timestamp with time zone NOT NULL default now() + interval '14 days',
              on_complete boolean not null default false,
              output jsonb
            );
            CREATE TABLE pgboss.archive (LIKE pgboss.job);
            ALTER TABLE pgboss.archive ADD archivedOn timestamptz NOT NULL DEFAULT now();
            CREATE INDEX job_fetch ON pgboss.job (name text_pattern_ops, startAfter) WHERE state < 'active';
            """;

    /** v9 fetchNextJob (no singleton-queue limit), for queue $1. */
    private static final String V9_FETCH = """
            WITH nextJob as (
              SELECT id FROM pgboss.job j
              WHERE state < 'active' AND name LIKE ? AND startAfter < now()
              ORDER BY priority desc, createdOn, id
              LIMIT 1
              FOR UPDATE SKIP LOCKED
            )
            UPDATE pgboss.job j SET
              state = 'active',
              startedOn = now(),
              retryCount = CASE WHEN state = 'retry' THEN retryCount + 1 ELSE retryCount END
            FROM nextJob
            WHERE j.id = nextJob.id
            RETURNING j.id
            """;

    /** v9 failJobs, without the on_complete completion jobs (no job here asks for them). */
    private static String v9Fail(String id, String output) {
        return """
                UPDATE pgboss.job
                SET state = CASE WHEN retryCount < retryLimit THEN 'retry'::pgboss.job_state ELSE 'failed'::pgboss.job_state END,
                  completedOn = CASE WHEN retryCount < retryLimit THEN NULL ELSE now() END,
                  startAfter = CASE WHEN retryCount = retryLimit THEN startAfter
                                    WHEN NOT retryBackoff THEN now() + retryDelay * interval '1'
                                    ELSE now() + (retryDelay * 2 ^ LEAST(16, retryCount + 1) / 2
                                                  + retryDelay * 2 ^ LEAST(16, retryCount + 1) / 2 * random()) * interval '1'
                                    END,
                  output = '%s'::jsonb
                WHERE id IN (SELECT UNNEST(ARRAY['%s']::uuid[])) AND state < 'completed'
                """.formatted(output, id);
    }

    private static String run(ActionFixture f, String sql, String queue) {
        return f.value(sql.replace("?", "'" + queue + "'"));
    }

    @Test
    void version9IsReadThroughItsRunTogetherColumns() {
        ActionFixture f = new ActionFixture();
        f.db.execute(V9_SCHEMA + """
                INSERT INTO pgboss.job (name, data, retryLimit, expireIn, singletonKey, createdOn) VALUES
                  ('email', '{"to": "a@example.com"}', 0, interval '15 minutes', NULL, now() - interval '2 minutes'),
                  ('email', '{"to": "b@example.com"}', 3, interval '15 minutes', NULL, now() - interval '1 minute'),
                  ('video', '{"upload": 1}', 1, interval '1 minute', 'upload:1', now());
                INSERT INTO pgboss.job (name, data, startAfter) VALUES ('email', '{"to": "later@example.com"}', now() + interval '1 hour');
                """);
        String failed = run(f, V9_FETCH, "email");
        f.db.execute(v9Fail(failed, "{\"name\": \"Error\", \"message\": \"SMTP 554 rejected\"}"));
        String retrying = run(f, V9_FETCH, "email");
        f.db.execute(v9Fail(retrying, "{\"name\": \"Error\", \"message\": \"ETIMEDOUT\"}"));
        String dead = run(f, V9_FETCH, "video");
        f.db.execute("UPDATE pgboss.job SET startedOn = now() - interval '10 minutes' WHERE id = '" + dead + "'");

        JsonNode detect = f.cli("detect").json();
        assertEquals(1, detect.get("profiles").size(), detect.toString());
        assertEquals("pgboss.job", detect.get("profiles").get(0).get("where").asText(), "not pgboss.archive");

        JsonNode status = f.cli("status").json().get("profiles").get(0);
        // v9's countStates: SELECT name, state, count(*) FROM job GROUP BY rollup(name), rollup(state)
        assertEquals(f.value("SELECT count(*) FROM pgboss.job WHERE state = 'failed'"), status.get("counts").path("FAILED").asText());
        assertEquals(f.value("SELECT count(*) FROM pgboss.job WHERE state = 'active'"), status.get("counts").path("RUNNING").asText());
        assertEquals(f.value("SELECT count(*) FROM pgboss.job WHERE state < 'active'"),
                String.valueOf(status.get("counts").path("QUEUED").asLong() + status.get("counts").path("SCHEDULED").asLong()));
        assertEquals(1, status.get("raw").path("deferred").asInt());
        assertEquals(1, status.get("raw").path("retry").asInt());

        JsonNode stuck = f.cli("stuck").json().get("profiles").get(0).get("stuck");
        assertEquals(1, stuck.size(), "expireIn is an interval in v9; no heartbeat rule fires: " + stuck);
        assertEquals(dead, stuck.get(0).get("id").asText());
        assertEquals("expired", stuck.get(0).get("rule").asText());
        assertTrue(stuck.get(0).get("evidence").asText().contains("past its expireInSeconds (60 s)"), stuck.toString());

        ActionFixture.Run failedRun = f.cli("failed");
        JsonNode failedList = failedRun.json().get("profiles").get(0).get("failed");
        assertEquals(1, failedList.size(), failedRun.out() + failedRun.err());
        assertEquals("SMTP 554 rejected", failedList.get(0).get("error").asText());

        // Actions write v9's own columns: cancel sets completedon, expire sets startafter and v9's 'expired'.
        assertEquals(0, f.cli("act", "cancel", "--profile", "pg-boss", "--task", retrying, "--yes", "--reason", "t").exitCode());
        assertEquals("cancelled", f.value("SELECT state FROM pgboss.job WHERE id = '" + retrying + "'"));
        assertEquals("t", f.value("SELECT completedon IS NOT NULL FROM pgboss.job WHERE id = '" + retrying + "'"));
        ActionFixture.Run expire = f.cli("act", "expire", "--profile", "pg-boss", "--stuck", "--yes", "--reason", "t");
        assertEquals(0, expire.exitCode(), expire.err() + expire.out());
        assertEquals("retry", f.value("SELECT state FROM pgboss.job WHERE id = '" + dead + "'"), "retryLimit 1: one retry left");
        f.db.execute("UPDATE pgboss.job SET startAfter = now() - interval '1 second' WHERE id = '" + dead + "'");
        assertEquals(dead, run(f, V9_FETCH, "video"), "v9's own fetch takes it again");
        f.db.execute("UPDATE pgboss.job SET startedOn = now() - interval '10 minutes' WHERE id = '" + dead + "'");
        assertEquals(0, f.cli("act", "expire", "--profile", "pg-boss", "--task", dead, "--yes", "--reason", "t").exitCode());
        assertEquals("expired", f.value("SELECT state FROM pgboss.job WHERE id = '" + dead + "'"), "retries used up: v9's expired");
        assertEquals("FAILED", f.cli("show", "--profile", "pg-boss", "--task", dead).json().get("task").get("state").asText());
    }

    @Test
    void version10IsPartitionedWithAnIntervalExpiry() {
        ActionFixture f = new ActionFixture();
        f.db.execute("""
                CREATE SCHEMA pgboss;
                CREATE TYPE pgboss.job_state AS ENUM ('created', 'retry', 'active', 'completed', 'cancelled', 'failed');
                CREATE TABLE pgboss.queue (name text, policy text, retry_limit int, retry_delay int, retry_backoff bool,
                  expire_seconds int, retention_minutes int, dead_letter text REFERENCES pgboss.queue (name),
                  partition_name text, created_on timestamp with time zone not null default now(),
                  updated_on timestamp with time zone not null default now(), PRIMARY KEY (name));
                CREATE TABLE pgboss.job (
                  id uuid not null default gen_random_uuid(),
                  name text not null,
                  priority integer not null default(0),
                  data jsonb,
                  state pgboss.job_state not null default('created'),
                  retry_limit integer not null default(0),
                  retry_count integer not null default(0),
                  retry_delay integer not null default(0),
                  retry_backoff boolean not null default false,
                  start_after timestamp with time zone not null default now(),
                  started_on timestamp with time zone,
                  singleton_key text,
                  singleton_on timestamp without time zone,
                  expire_in interval not null default interval '15 minutes',
                  created_on timestamp with time zone not null default now(),
                  completed_on timestamp with time zone,
                  keep_until timestamp with time zone NOT NULL default now() + interval '14 days',
                  output jsonb,
                  dead_letter text,
                  policy text
                ) PARTITION BY LIST (name);
                ALTER TABLE pgboss.job ADD PRIMARY KEY (name, id);
                """);
        for (String queue : List.of("email", "video")) {
            // create_queue: the queue row, then its own table 'j' || sha224(name) attached FOR VALUES IN (name).
            f.db.execute("""
                    DO $$
                    DECLARE table_name varchar := 'j' || encode(sha224('%1$s'::bytea), 'hex');
                    BEGIN
                      INSERT INTO pgboss.queue (name, policy, partition_name) VALUES ('%1$s', 'standard', table_name);
                      EXECUTE format('CREATE TABLE pgboss.%%I (LIKE pgboss.job INCLUDING DEFAULTS)', table_name);
                      EXECUTE format('ALTER TABLE pgboss.%%I ADD PRIMARY KEY (name, id)', table_name);
                      EXECUTE format('ALTER TABLE pgboss.%%I ADD CONSTRAINT cjc CHECK (name=%%L)', table_name, '%1$s');
                      EXECUTE format('ALTER TABLE pgboss.job ATTACH PARTITION pgboss.%%I FOR VALUES IN (%%L)', table_name, '%1$s');
                    END $$;
                    """.formatted(queue));
        }
        f.db.execute("""
                INSERT INTO pgboss.job (name, data, expire_in) VALUES
                  ('email', '{"to": "a@example.com"}', interval '15 minutes'),
                  ('video', '{"upload": 1}', interval '2 minutes'),
                  ('video', '{"upload": 2}', interval '2 minutes');
                """);
        String fetch = """
                WITH next as (
                  SELECT id FROM pgboss.job WHERE name = 'video' AND state < 'active' AND start_after < now()
                  ORDER BY priority desc, created_on, id LIMIT 1 FOR UPDATE SKIP LOCKED
                )
                UPDATE pgboss.job j SET state = 'active', started_on = now(),
                  retry_count = CASE WHEN started_on IS NOT NULL THEN retry_count + 1 ELSE retry_count END
                FROM next WHERE name = 'video' AND j.id = next.id
                RETURNING j.id
                """;
        String dead = f.value(fetch);
        f.db.execute("UPDATE pgboss.job SET started_on = now() - interval '3 minutes' WHERE id = '" + dead + "'");

        JsonNode detect = f.cli("detect").json();
        assertEquals(1, detect.get("profiles").size(), "the parent only, not its two partitions: " + detect);
        assertEquals("pgboss.job", detect.get("profiles").get(0).get("where").asText());
        JsonNode counts = f.cli("status").json().get("profiles").get(0).get("counts");
        assertEquals(2, counts.path("QUEUED").asInt(), counts.toString());
        assertEquals(1, counts.path("RUNNING").asInt());
        JsonNode stuck = f.cli("stuck").json().get("profiles").get(0).get("stuck");
        assertEquals(1, stuck.size(), stuck.toString());
        assertEquals(dead, stuck.get(0).get("id").asText());
        assertTrue(stuck.get(0).get("evidence").asText().contains("past its expireInSeconds (2 min)"), stuck.toString());
        ActionFixture.Run expire = f.cli("act", "expire", "--profile", "pg-boss", "--task", dead, "--yes", "--reason", "t");
        assertEquals(0, expire.exitCode(), expire.err() + expire.out());
        assertEquals("failed", f.value("SELECT state FROM pgboss.job WHERE id = '" + dead + "'"), "v10 has no 'expired'");
        assertEquals(0, f.cli("act", "retry", "--profile", "pg-boss", "--task", dead, "--yes", "--reason", "t").exitCode());
        assertEquals("retry", f.value("SELECT state FROM pgboss.job WHERE id = '" + dead + "'"));
        f.db.execute("UPDATE pgboss.job SET start_after = now() - interval '1 second', priority = 1 WHERE id = '" + dead + "'");
        assertEquals(dead, f.value(fetch), "v10's own fetch takes the retried job");
    }
}
