package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.demo.PgBossSql;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pg-boss profile on pg-boss 12's schema (timgit/pg-boss src/plans.ts at 55ee32f6, 12.27.0; in
 * src/main/resources/io/pitwall/demo/pg-boss.sql): pgboss.job partitioned by name, queue "email" in the DEFAULT
 * partition job_common and queue "video" (partition: true) in its own table. Jobs are written by pg-boss's own
 * statements ({@link PgBossSql}: insertJobs, fetchNextJob, completeJobs, failJobsById). A dead worker left one job
 * active past its expireInSeconds and one past its heartbeatSeconds.
 */
class PgBossProfileTest {

    private ActionFixture f;
    private String queued;
    private String deferred;
    private String running;
    private String retrying;
    private String failedA;
    private String failedB;
    private String expired;
    private String silent;
    private String done;

    @BeforeEach
    void jobsInEveryState() throws SQLException {
        f = new ActionFixture("pg-boss");
        try (Connection c = f.db.dataSource().getConnection()) {
            PgBossSql.createQueue(c, "email", "{\"policy\": \"standard\", \"retryLimit\": 1}");
            PgBossSql.createQueue(c, "video", "{\"policy\": \"standard\", \"partition\": true, \"expireInSeconds\": 60, \"heartbeatSeconds\": 30}");
            String error = "{\"name\": \"Error\", \"message\": \"SMTP 421 4.7.0 Try again later\", \"stack\": \"Error: SMTP 421\\n    at send (mailer.js:12:9)\"}";
            failedA = sendFetch(c, "email", "{\"data\": {\"to\": \"a@example.com\"}, \"retryLimit\": 0}");
            PgBossSql.fail(c, "email", failedA, error);
            failedB = sendFetch(c, "email", "{\"data\": {\"to\": \"b@example.com\"}, \"retryLimit\": 0}");
            PgBossSql.fail(c, "email", failedB, error);
            retrying = sendFetch(c, "email", "{\"data\": {\"to\": \"c@example.com\"}, \"retryDelay\": 600}");
            PgBossSql.fail(c, "email", retrying, "{\"name\": \"Error\", \"message\": \"getaddrinfo ENOTFOUND smtp.example.com\"}");
            done = sendFetch(c, "email", "{\"data\": {\"to\": \"d@example.com\"}}");
            PgBossSql.complete(c, "email", done, "{\"messageId\": \"<1@example.com>\"}");
            running = sendFetch(c, "email", "{\"data\": {\"to\": \"e@example.com\"}, \"singletonKey\": \"user:7\"}");
            // The dead worker's jobs: fetched, then nothing; time is moved back as if it had died long ago.
            expired = sendFetch(c, "video", "{\"data\": {\"upload\": 1}}");
            silent = sendFetch(c, "video", "{\"data\": {\"upload\": 2}, \"expireInSeconds\": 3600}");
            queued = PgBossSql.send(c, "email", "{\"data\": {\"to\": \"f@example.com\"}, \"singletonKey\": \"user:7\"}");
            deferred = PgBossSql.send(c, "video", "{\"data\": {\"upload\": 3}, \"startAfter\": \"1 hour\"}");
        }
        f.db.execute("UPDATE pgboss.job SET started_on = now() - interval '5 minutes', heartbeat_on = now() - interval '5 minutes' WHERE id = '" + expired + "'");
        f.db.execute("UPDATE pgboss.job SET started_on = now() - interval '2 minutes', heartbeat_on = now() - interval '2 minutes' WHERE id = '" + silent + "'");
    }

    private static String sendFetch(Connection c, String queue, String job) throws SQLException {
        String id = PgBossSql.send(c, queue, job);
        assertEquals(id, PgBossSql.fetch(c, queue), "the fetch takes the job just sent");
        return id;
    }

    private ActionFixture.Run act(String action, String... more) {
        List<String> args = new ArrayList<>(List.of("act", action, "--profile", "pg-boss", "--reason", "test"));
        args.addAll(List.of(more));
        return f.cli(args.toArray(String[]::new));
    }

    private static JsonNode only(JsonNode document, String field) {
        assertEquals(1, document.get("profiles").size(), "one profile only: " + document);
        assertEquals("pg-boss", document.get("profiles").get(0).get("profile").asText());
        return document.get("profiles").get(0).get(field);
    }

    private String state(String id) {
        return f.value("SELECT state FROM pgboss.job WHERE id = '" + id + "'");
    }

    @Test
    void detectsTheParentOnlyNotItsPartitions() {
        JsonNode detect = f.cli("detect").json();
        assertEquals(1, detect.get("profiles").size(), detect.toString());
        assertEquals("pgboss.job", detect.get("profiles").get(0).get("where").asText());
        assertEquals(0, detect.path("problems").size(), detect.toString());
        assertEquals("2", f.value("SELECT count(*) FROM pg_inherits WHERE inhparent = 'pgboss.job'::regclass"),
                "job_common and the video queue's own table");
    }

    @Test
    void countsEqualPgBossesOwnQueueStats() throws SQLException {
        JsonNode status = f.cli("status").json();
        JsonNode counts = only(status, "counts");
        long queued = 0;
        long active = 0;
        long failed = 0;
        long total = 0;
        try (Connection c = f.db.dataSource().getConnection()) {
            for (String queue : new String[]{"email", "video"}) {
                Map<String, Long> stats = PgBossSql.queueStats(c, queue);
                queued += stats.get("queuedCount");
                active += stats.get("activeCount");
                failed += stats.get("failedCount");
                total += stats.get("totalCount");
            }
        }
        assertEquals(queued, counts.path("QUEUED").asLong() + counts.path("SCHEDULED").asLong(), counts.toString());
        assertEquals(3, queued);
        assertEquals(active, counts.path("RUNNING").asLong());
        assertEquals(3, active);
        assertEquals(failed, counts.path("FAILED").asLong());
        assertEquals(2, failed);
        long sum = 0;
        for (JsonNode n : counts) {
            sum += n.asLong();
        }
        assertEquals(total, sum);
        JsonNode raw = status.get("profiles").get(0).get("raw");
        assertEquals(1, raw.path("retry").asInt(), "a failed attempt waiting for its retry is SCHEDULED, raw beside: " + raw);
        assertEquals(1, raw.path("deferred").asInt());
        assertEquals(1, counts.path("SUCCEEDED").asInt());
        assertEquals(false, status.get("profiles").get(0).get("estimated").asBoolean());
    }

    @Test
    void deadWorkersJobsAreStuckWithEvidence() {
        JsonNode stuck = only(f.cli("stuck").json(), "stuck");
        List<String> found = new ArrayList<>();
        for (JsonNode item : stuck) {
            found.add(item.get("rule").asText() + " " + (item.get("id").asText().equals(expired) ? "expired job" : item.get("id").asText().equals(silent) ? "silent job" : item.get("id").asText()));
            assertEquals("video", item.get("kind").asText());
            if (item.get("rule").asText().equals("expired")) {
                assertTrue(item.get("evidence").asText().startsWith("active for 5 min, past its expireInSeconds (60 s)"), item.toString());
            } else {
                assertTrue(item.get("evidence").asText().contains("(heartbeatSeconds 30 s)"), item.toString());
            }
        }
        assertEquals(List.of("expired expired job", "heartbeat-timeout expired job", "heartbeat-timeout silent job"),
                found.stream().sorted().toList(), "the silent job is within its hour to expire, but silent for 2 min");
    }

    @Test
    void failedGroupsShowTheSerializedErrorMessage() {
        JsonNode groups = only(f.cli("failed", "--group").json(), "groups");
        assertEquals(1, groups.size(), groups.toString());
        assertEquals(2, groups.get(0).get("count").asInt());
        assertEquals("SMTP 421 4.7.0 Try again later", groups.get(0).get("sample").asText());
        JsonNode task = f.cli("show", "--profile", "pg-boss", "--task", retrying).json().get("task");
        assertEquals("SCHEDULED", task.get("state").asText());
        assertEquals("retry", task.get("rawState").asText());
        assertEquals("getaddrinfo ENOTFOUND smtp.example.com", task.get("error").asText());
        JsonNode spans = f.cli("timeline", "--profile", "pg-boss", "--pipeline", "user:7").json().get("spans");
        assertEquals(2, spans.size(), "the singleton_key is the correlation key: " + spans);
    }

    @Test
    void retryCancelResumeAndDeleteDoWhatPgBossDoes() throws SQLException {
        assertEquals(3, act("retry", "--task", running, "--yes").exitCode(), "retryJobs takes failed jobs only");
        ActionFixture.Run retry = act("retry", "--task", failedA, "--yes");
        assertEquals(0, retry.exitCode(), retry.err());
        assertEquals("retry", state(failedA));
        assertEquals("1", f.value("SELECT retry_limit FROM pgboss.job WHERE id = '" + failedA + "'"));
        assertNull(f.value("SELECT completed_on FROM pgboss.job WHERE id = '" + failedA + "'"));
        try (Connection c = f.db.dataSource().getConnection()) {
            assertEquals(failedA, PgBossSql.fetch(c, "email"), "pg-boss's own fetch takes the retried job (created first)");
            assertEquals(queued, PgBossSql.fetch(c, "email"), "then the queued one");
        }

        String before = f.snapshot("pgboss.job");
        assertEquals(3, act("cancel", "--task", done, "--yes").exitCode(), "completed jobs cannot be cancelled");
        assertEquals(3, act("resume", "--task", deferred, "--yes").exitCode(), "only cancelled jobs resume");
        assertEquals(before, f.snapshot("pgboss.job"));
        assertEquals(0, act("cancel", "--task", deferred, "--yes").exitCode());
        assertEquals("cancelled", state(deferred));
        assertEquals(0, act("resume", "--task", deferred, "--yes").exitCode());
        assertEquals("created", state(deferred));

        assertEquals(3, act("delete", "--task", running, "--yes").exitCode(), "active within its expireInSeconds");
        ActionFixture.Run delete = act("delete", "--task", failedB, "--task", expired, "--yes");
        assertEquals(0, delete.exitCode(), delete.err());
        assertEquals(2, delete.json().get("applied").asInt());
        assertNull(state(failedB));
        assertNull(state(expired), "deleted through the parent from the video queue's own partition");
    }

    @Test
    void expireDoesWhatTheSupervisorWouldAndUndoRestores() throws SQLException {
        assertEquals(3, act("expire", "--task", running, "--yes").exitCode(), "a live job is refused");
        ActionFixture.Run expire = act("expire", "--stuck", "--yes");
        assertEquals(0, expire.exitCode(), expire.err());
        assertEquals(2, expire.json().get("applied").asInt());
        assertEquals("retry", state(expired), "retryLimit 2: retries remain");
        assertEquals("job timed out", f.value("SELECT output->'value'->>'message' FROM pgboss.job WHERE id = '" + expired + "'"));
        assertEquals(0, only(f.cli("stuck").json(), "stuck").size());
        try (Connection c = f.db.dataSource().getConnection()) {
            String next = PgBossSql.fetch(c, "video");
            assertTrue(expired.equals(next) || silent.equals(next), "the next fetch takes an expired job again: " + next);
            assertEquals("1", f.value("SELECT retry_count FROM pgboss.job WHERE id = '" + next + "'"));
        }
        ActionFixture.Run undo = f.cli("act", "undo", "--audit-id", expire.json().get("auditId").asText(), "--yes", "--reason", "r");
        assertEquals(0, undo.exitCode(), undo.err());
        assertNotNull(undo.json().get("skipped"), "the re-fetched job has moved on and is skipped; the other is restored");
        assertEquals(1, undo.json().get("applied").asInt(), undo.out());
    }
}
