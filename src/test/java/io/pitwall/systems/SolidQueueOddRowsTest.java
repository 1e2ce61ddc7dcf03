package io.pitwall.systems;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Solid Queue's error and arguments columns are `text` (rails/solid_queue
 * lib/generators/solid_queue/install/templates/db/queue_schema.rb at 29e818d9: `t.text "error"`, `t.text
 * "arguments"`). Solid Queue writes JSON into them (app/models/solid_queue/failed_execution.rb: `serialize :error,
 * coder: JSON` of exception_class, message and backtrace, the backtrace null for an exception never raised; job.rb:
 * Active Job's serialized hash), but the column takes any text, and ActiveSupport's encoder writes a message's NUL
 * as \u0000, which PostgreSQL's jsonb refuses. One such row used to make every failed read fail
 * ("invalid input syntax for type json"): now a JSON error is read and any other is shown as it is.
 */
class SolidQueueOddRowsTest {

    private static SolidQueueFixture sq;
    private static final Map<String, String> ERRORS = new LinkedHashMap<>();
    private static final Map<String, Long> IDS = new LinkedHashMap<>();

    @BeforeAll
    static void seed() throws Exception {
        sq = new SolidQueueFixture();
        ERRORS.put("empty", "");
        ERRORS.put("plain", "Timeout::Error: execution expired (written by hand)");
        ERRORS.put("nul", "{\"exception_class\":\"ArgumentError\",\"message\":\"string contains null byte \\u0000\",\"backtrace\":null}");
        ERRORS.put("spaced", "{\"message\": \"Net::ReadTimeout with #<TCPSocket:(closed)>\", \"backtrace\": [], \"exception_class\": \"Net::ReadTimeout\"}");
        ERRORS.put("cut", "{\"exception_class\":\"RuntimeError\",\"message\":\"truncated by a column limit");
        ERRORS.put("null", null);
        try (Connection c = sq.f.db.dataSource().getConnection()) {
            for (String name : ERRORS.keySet()) {
                IDS.put(name, sq.sq.enqueue(c, "OddJob", "odd", "[1]", null, 0, 0, null, false));
            }
            // A scheduled job whose arguments are not JSON, and one whose own argument has an "executions" key.
            IDS.put("argsNotJson", sq.sq.enqueue(c, "OddJob", "odd", "[2]", null, 0, 3600, null, false));
            IDS.put("argsNested", sq.sq.enqueue(c, "OddJob", "odd", "[{\"executions\":5}]", null, 0, 3600, null, false));
        }
        // Each fails as ClaimedExecution#failed_with leaves it (the execution gone, a failed one in its place), but
        // with an error written by someone else than FailedExecution.
        ERRORS.forEach((name, error) -> sq.f.db.execute("DELETE FROM solid_queue.solid_queue_ready_executions WHERE job_id = "
                + IDS.get(name) + "; INSERT INTO solid_queue.solid_queue_failed_executions (job_id, error, created_at) VALUES ("
                + IDS.get(name) + ", " + (error == null ? "NULL" : "'" + error.replace("'", "''") + "'")
                + ", now() AT TIME ZONE 'UTC')"));
        sq.f.db.execute("UPDATE solid_queue.solid_queue_jobs SET arguments = '' WHERE id = " + IDS.get("argsNotJson"));
    }

    private static JsonNode ok(String... args) {
        ActionFixture.Run run = sq.f.cli(args);
        assertEquals(0, run.exitCode(), String.join(" ", args) + ": " + run.err());
        return run.json();
    }

    @Test
    void jsonErrorsAreReadAndAnyOtherIsShownAsItIs() {
        Map<String, JsonNode> failed = new LinkedHashMap<>();
        ok("failed", "--profile", "solid-queue").get("profiles").get(0).get("failed")
                .forEach(item -> failed.put(item.get("id").asText(), item.get("error")));
        assertEquals("ActiveRecord::RecordNotFound: Couldn't find User with 'id'=42", failed.get(sq.id("failed")).asText());
        assertEquals("", failed.get(id("empty")).asText());
        assertEquals(ERRORS.get("plain"), failed.get(id("plain")).asText());
        assertEquals(ERRORS.get("nul"), failed.get(id("nul")).asText(), "jsonb cannot hold \\u0000: shown raw");
        assertEquals("Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>", failed.get(id("spaced")).asText());
        assertEquals(ERRORS.get("cut"), failed.get(id("cut")).asText());
        assertTrue(failed.get(id("null")).isNull(), failed.toString());

        JsonNode groups = ok("failed", "--profile", "solid-queue", "--group").get("profiles").get(0).get("groups");
        assertTrue(groups.toString().contains(id("plain")) && groups.toString().contains(id("nul")), groups.toString());
        JsonNode shown = ok("show", "--profile", "solid-queue", "--task", id("nul")).get("task");
        assertEquals("FAILED", shown.get("state").asText());
        assertEquals(ERRORS.get("nul"), shown.get("error").asText());
        JsonNode status = ok("status", "--profile", "solid-queue").get("profiles").get(0).get("counts");
        assertEquals(2 + ERRORS.size(), status.get("FAILED").asInt(), status.toString());
        ok("stuck", "--profile", "solid-queue");
    }

    @Test
    void argumentsThatAreNotJsonOrNestAnExecutionsKeyKeepTheirJobsState() {
        JsonNode notJson = ok("show", "--profile", "solid-queue", "--task", id("argsNotJson")).get("task");
        assertEquals("scheduled", notJson.get("rawState").asText());
        assertNull(notJson.get("attempts").numberValue(), notJson.toString());
        assertEquals("", notJson.get("payload").asText(), "text that is not JSON is shown as it is");
        JsonNode nested = ok("show", "--profile", "solid-queue", "--task", id("argsNested")).get("task");
        assertEquals("scheduled", nested.get("rawState").asText(), "the job's own executions is 0: not a retry");
        assertEquals(0, nested.get("attempts").asInt());
        assertEquals(5, nested.get("payload").get("arguments").get(0).get("executions").asInt());
        JsonNode retry = ok("show", "--profile", "solid-queue", "--task", sq.id("retry")).get("task");
        assertEquals("scheduled (retry)", retry.get("rawState").asText());
        assertEquals(1, retry.get("attempts").asInt());
        String pipeline = nested.get("pipeline").asText();
        assertEquals(id("argsNested"), ok("timeline", "--profile", "solid-queue", "--pipeline", pipeline)
                .get("spans").get(0).get("id").asText());
    }

    private static String id(String name) {
        return String.valueOf(IDS.get(name));
    }
}
