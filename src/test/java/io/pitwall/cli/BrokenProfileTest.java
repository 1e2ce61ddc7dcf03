package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One user profile whose SQL the database rejects is set aside when bound; every other profile keeps working.
 * The table is shithub's jobs as tenseleyFlow/shithub internal/migrationsfs/migrations/0018_jobs_and_push_events.sql
 * (e659af39) creates it (the demo's shithub-0018.sql), with rows as internal/worker/queries/jobs.sql writes them.
 */
class BrokenProfileTest {

    @TempDir
    Path config;
    private ActionFixture f;

    private static final String USER = """
            {
              "id": "jobs-mine",
              "title": "My view of shithub jobs",
              "detect": {"table": "jobs", "schemas": ["shithub0018"], "columns": ["id:int", "kind:text", "locked_by:text"]},
              "tasks": {"id": "id", "kind": "kind", "state": "STATE", "payload": "payload",
                        "pipelineKey": "CASE WHEN t.payload ? 'repo_id' THEN t.payload->>'repo_id' ELSE t.id::text END"},
              "states": {"done": "SUCCEEDED", "waiting": "QUEUED"},
              "stuck": [{"id": "tagged", "where": "t.payload ?| array['poison'] AND t.completed_at IS NULL",
                         "since": "created_at", "threshold": "0s", "evidence": "tagged poison"}]
            }
            """;

    @BeforeEach
    void seed() throws IOException {
        f = new ActionFixture("shithub-0018");
        // EnqueueJob, then ClaimJob/MarkJobCompleted as the worker runs them.
        f.db.execute("""
                INSERT INTO shithub0018.jobs (kind, payload, run_at, max_attempts) VALUES
                  ('push:process', '{"repo_id": "42"}', now(), 5), ('push:process', '{"poison": true}', now(), 5);
                UPDATE shithub0018.jobs SET locked_by = 'web1:7', locked_at = now(), attempts = attempts + 1 WHERE id = 1;
                UPDATE shithub0018.jobs SET completed_at = now(), locked_by = NULL, locked_at = NULL WHERE id = 1;
                """);
        Files.createDirectories(config.resolve("profiles"));
        System.setProperty("pitwall.config.dir", config.toString());
    }

    @AfterEach
    void forget() {
        System.clearProperty("pitwall.config.dir");
    }

    private void write(String json) throws IOException {
        Files.writeString(config.resolve("profiles/mine.json"), json);
    }

    private static final String GOOD_STATE = "CASE WHEN t.completed_at IS NOT NULL THEN 'done' ELSE 'waiting' END";

    @Test
    void aMisspeltColumnSetsThatProfileAsideAndNamesFileProfileFieldAndTheDatabaseMessage() throws IOException {
        write(USER.replace("\"STATE\"", "\"t.sttate\""));
        ActionFixture.Run detect = f.cli("detect");
        assertEquals(0, detect.exitCode(), detect.err());
        JsonNode broken = detect.json().get("broken").get(0);
        assertEquals(1, detect.json().get("broken").size(), detect.out());
        assertEquals("jobs-mine", broken.get("profile").asText());
        JsonNode error = broken.get("errors").get(0);
        assertEquals(config.resolve("profiles/mine.json").toString(), error.get("file").asText());
        assertEquals("tasks.state", error.get("field").asText());
        assertTrue(error.get("message").asText().contains("profile 'jobs-mine' on shithub0018.jobs")
                && error.get("message").asText().contains("column t.sttate does not exist"), error.toString());
        assertTrue(!error.get("message").asText().contains("Position"), "our SQL's position means nothing to the author");

        ActionFixture.Run status = f.cli("status");
        assertEquals(0, status.exitCode(), "the other profiles still read: " + status.err());
        assertEquals(1, status.json().get("profiles").size());
        assertEquals("shithub-0018", status.json().get("profiles").get(0).get("profile").asText());
        assertEquals(0, f.cli("failed").exitCode());
        assertEquals(0, f.cli("stuck").exitCode());

        ActionFixture.Run only = f.cli("status", "--profile", "jobs-mine");
        assertEquals(1, only.exitCode());
        assertTrue(only.err().contains("set aside on shithub0018.jobs") && only.err().contains("tasks.state"), only.err());
    }

    @Test
    void aJsonbQuestionMarkOperatorWorksInExpressionsAndRules() throws IOException {
        write(USER.replace("\"STATE\"", "\"" + GOOD_STATE + "\""));
        ActionFixture.Run detect = f.cli("detect");
        assertEquals(0, detect.json().get("broken").size(), detect.out());
        ActionFixture.Run status = f.cli("status", "--profile", "jobs-mine");
        assertEquals(0, status.exitCode(), status.err());
        assertEquals(1, status.json().at("/profiles/0/counts/SUCCEEDED").asInt());
        ActionFixture.Run stuck = f.cli("stuck", "--profile", "jobs-mine");
        assertEquals(0, stuck.exitCode(), stuck.err());
        assertEquals("2", stuck.json().at("/profiles/0/stuck/0/id").asText(), stuck.out());
        ActionFixture.Run timeline = f.cli("timeline", "--profile", "jobs-mine", "--pipeline", "42");
        assertEquals(0, timeline.exitCode(), timeline.err());
        assertEquals("1", timeline.json().at("/spans/0/id").asText(), timeline.out());
    }
}
