package io.pitwall.popular;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in {@code oban} profile on Oban's real schema: oban-bg/oban 2939e313,
 * lib/oban/migrations/postgres/v01…v14 (demo/oban.sql; v08-era below), jobs written by the engine's own statements
 * ({@link ObanNode}: lib/oban/engines/basic.ex), in every state, with a node that died mid-job.
 */
class ObanProfileTest {

    private ActionFixture f;
    private ObanNode oban;

    @BeforeEach
    void seed() {
        f = new ActionFixture("oban");
        oban = new ObanNode(f.db, "oban");
        for (int i = 0; i < 5; i++) {
            oban.insert("MyApp.Mailer", "mailers", "available", "0 s");
        }
        oban.insert("MyApp.Reports", "default", "scheduled", "1 hour");
        oban.insert("MyApp.Reports", "default", "suspended", "0 s");
        for (int i = 0; i < 3; i++) {
            oban.fetch("mailers", "web.1");
        }
        oban.complete(1);
        oban.error(2, "** (RuntimeError) SMTP 421 try again later", 16);
        oban.discard(3, "** (ArgumentError) unknown template: welcome");
        oban.fetch("mailers", "worker.dead");
        f.db.execute("UPDATE oban.oban_jobs SET attempted_at = timezone('UTC', now()) - interval '2 hours' WHERE id = 4");
        f.db.execute("UPDATE oban.oban_jobs SET state = 'cancelled', cancelled_at = timezone('UTC', now()) WHERE id = 5");
        oban.insert("MyApp.Mailer", "mailers", "available", "0 s");
        oban.lead("web.1");
    }

    private ActionFixture.Run act(String action, String... more) {
        List<String> args = new ArrayList<>(List.of("act", action, "--profile", "oban", "--reason", "test"));
        args.addAll(List.of(more));
        return f.cli(args.toArray(String[]::new));
    }

    @Test
    void detectPicksObanAndNoOtherProfile() {
        JsonNode detect = f.cli("detect").json();
        List<String> found = new ArrayList<>();
        detect.get("profiles").forEach(p -> found.add(p.get("profile").asText() + "@" + p.get("where").asText()));
        assertEquals(List.of("oban@oban.oban_jobs"), found, detect.toPrettyString());
    }

    @Test
    void countsEqualObansOwnCountQuery() {
        Map<String, String> canonical = Map.of("available", "QUEUED", "suspended", "PAUSED", "scheduled", "SCHEDULED",
                "retryable", "SCHEDULED", "executing", "RUNNING", "completed", "SUCCEEDED", "discarded", "FAILED",
                "cancelled", "CANCELLED");
        Map<String, Long> own = new TreeMap<>();
        // Oban.Met / Oban Web count with: SELECT state, queue, count(id) FROM oban_jobs GROUP BY state, queue
        for (String row : f.value("SELECT string_agg(state || '=' || n, ',') FROM (SELECT state, queue, count(id) n FROM oban.oban_jobs GROUP BY state, queue) c").split(",")) {
            String[] kv = row.split("=");
            own.merge(canonical.get(kv[0]), Long.parseLong(kv[1]), Long::sum);
        }
        JsonNode status = f.cli("status", "--profile", "oban").json().get("profiles").get(0);
        Map<String, Long> ours = new TreeMap<>();
        status.get("counts").properties().forEach(e -> {
            if (e.getValue().asLong() > 0) {
                ours.put(e.getKey(), e.getValue().asLong());
            }
        });
        assertEquals(own, ours);
        assertEquals(Map.of("CANCELLED", 1L, "FAILED", 1L, "PAUSED", 1L, "QUEUED", 1L, "RUNNING", 1L, "SCHEDULED", 2L,
                "SUCCEEDED", 1L), ours);
    }

    @Test
    void theDeadNodesJobIsStuckAndAnExpiredLeaderToo() {
        JsonNode stuck = f.cli("stuck", "--profile", "oban").json().get("profiles").get(0).get("stuck");
        assertEquals(1, stuck.size(), stuck.toPrettyString());
        assertEquals("4", stuck.get(0).get("id").asText());
        assertTrue(stuck.get(0).get("evidence").asText().startsWith("executing on node worker.dead for 2 h"),
                stuck.get(0).get("evidence").asText());
        f.db.execute("UPDATE oban.oban_peers SET expires_at = timezone('UTC', now()) - interval '3 minutes'");
        JsonNode both = f.cli("stuck", "--profile", "oban").json().get("profiles").get(0).get("stuck");
        assertEquals(2, both.size());
        assertEquals("Oban", both.get(1).get("id").asText());
        assertEquals("leader-expired", both.get(1).get("rule").asText());
        assertTrue(both.get(1).get("evidence").asText().contains("node web.1 expired 3 min ago"), both.get(1).get("evidence").asText());
    }

    @Test
    void failedShowsTheRealErrorAndShowTheAttempts() {
        JsonNode failed = f.cli("failed", "--profile", "oban").json().get("profiles").get(0).get("failed");
        assertEquals(1, failed.size());
        assertEquals("** (ArgumentError) unknown template: welcome", failed.get(0).get("error").asText());
        oban.stage();
        f.db.execute("UPDATE oban.oban_jobs SET scheduled_at = timezone('UTC', now()) - interval '1 s' WHERE id = 2");
        oban.stage();
        f.db.execute("UPDATE oban.oban_jobs SET state = 'completed', completed_at = timezone('UTC', now()) WHERE state = 'available' AND id <> 2");
        oban.fetch("mailers", "web.2");
        oban.error(2, "** (DBConnection.ConnectionError) tcp recv: closed", 81);
        JsonNode task = f.cli("show", "--profile", "oban", "--task", "2").json().get("task");
        assertEquals("retryable", task.get("rawState").asText());
        assertEquals("** (DBConnection.ConnectionError) tcp recv: closed", task.get("error").asText());
        assertEquals(2, task.get("history").size(), task.toPrettyString());
        assertEquals("** (RuntimeError) SMTP 421 try again later", task.get("history").get(0).get("detail").asText());
        assertEquals(2, task.get("attempts").asInt());
    }

    @Test
    void retryCancelDiscardDeleteAsObanDoesThem() throws Exception {
        assertEquals(3, act("retry", "--task", "4", "--yes").exitCode(), "executing");
        ActionFixture.Run retry = act("retry", "--task", "3", "--yes");
        assertEquals(0, retry.exitCode(), retry.err());
        assertEquals("available|20|null", f.value("SELECT state || '|' || max_attempts || '|' || coalesce(discarded_at::text, 'null') FROM oban.oban_jobs WHERE id = 3"));

        try (Connection listener = f.db.dataSource().getConnection(); Statement s = listener.createStatement()) {
            s.execute("LISTEN \"oban.oban_signal\"");
            ActionFixture.Run cancel = act("cancel", "--task", "4", "--task", "6", "--yes");
            assertEquals(0, cancel.exitCode(), cancel.err());
            assertEquals(2, cancel.json().get("applied").asInt());
            assertEquals("cancelled", f.value("SELECT state FROM oban.oban_jobs WHERE id = 4"));
            var notes = listener.unwrap(PGConnection.class).getNotifications(2000);
            assertNotNull(notes);
            assertEquals(1, notes.length, "only the executing job's process is killed");
            assertEquals("{\"action\" : \"pkill\", \"job_id\" : 4}", notes[0].getParameter());
        }
        assertEquals(3, act("cancel", "--task", "1", "--yes").exitCode(), "completed");

        assertEquals(3, act("discard", "--task", "1", "--yes").exitCode(), "completed");
        assertEquals(0, act("discard", "--task", "7", "--yes").exitCode());
        assertEquals("discarded", f.value("SELECT state FROM oban.oban_jobs WHERE id = 7"));

        ActionFixture.Run delete = act("delete", "--task", "5", "--yes");
        assertEquals(0, delete.exitCode(), delete.err());
        assertNull(f.value("SELECT id FROM oban.oban_jobs WHERE id = 5"));
    }

    @Test
    void rescueDoesWhatLifelineDoesAndTheNextFetchTakesIt() {
        f.db.execute("UPDATE oban.oban_jobs SET state = 'completed', completed_at = timezone('UTC', now()) WHERE state = 'available'");
        assertEquals(3, act("rescue", "--task", "4", "--param", "rescueAfterMinutes=2", "--yes").exitCode(), "floor");
        ActionFixture.Run rescue = act("rescue", "--stuck", "--yes");
        assertEquals(0, rescue.exitCode(), rescue.err());
        assertEquals("available", f.value("SELECT state FROM oban.oban_jobs WHERE id = 4"));
        oban.fetch("mailers", "web.2");
        assertEquals("executing|2|web.2", f.value("SELECT state || '|' || attempt || '|' || attempted_by[1] FROM oban.oban_jobs WHERE id = 4"));
    }

    @Test
    void pauseAndResumeSendObansSignals() throws Exception {
        try (Connection listener = f.db.dataSource().getConnection(); Statement s = listener.createStatement()) {
            s.execute("LISTEN \"oban.oban_signal\"");
            ActionFixture.Run pause = act("pause-queue", "--queue", "mailers", "--yes");
            assertEquals(0, pause.exitCode(), pause.err() + pause.out());
            var notes = listener.unwrap(PGConnection.class).getNotifications(2000);
            assertEquals("{\"action\" : \"pause\", \"queue\" : \"mailers\", \"ident\" : \"any\"}", notes[0].getParameter());
            assertEquals(0, act("resume-queue", "--queue", "mailers", "--yes").exitCode());
            notes = listener.unwrap(PGConnection.class).getNotifications(2000);
            assertEquals("{\"action\" : \"resume\", \"queue\" : \"mailers\", \"ident\" : \"any\"}", notes[0].getParameter());
        }
        assertEquals(3, act("pause-queue", "--queue", "no-such-queue", "--yes").exitCode());
        assertTrue(f.audits() >= 2, "each signal is on the record");
    }

    /** An Oban v8-era database: migrations v01…v08 (no meta, cancelled_at, 'cancelled' or oban_peers). */
    @Test
    void obanV8IsReadAndRefusesWhatNeedsV9() {
        ActionFixture old = new ActionFixture("oban");
        old.db.execute("""
                DROP SCHEMA oban CASCADE; CREATE SCHEMA oban;
                CREATE TYPE oban.oban_job_state AS ENUM ('available', 'scheduled', 'executing', 'retryable', 'completed', 'discarded');
                CREATE TABLE oban.oban_jobs (
                    id bigserial PRIMARY KEY, state oban.oban_job_state NOT NULL DEFAULT 'available',
                    queue text NOT NULL DEFAULT 'default', worker text NOT NULL, args jsonb NOT NULL,
                    errors jsonb[] NOT NULL DEFAULT ARRAY[]::jsonb[], attempt integer NOT NULL DEFAULT 0,
                    max_attempts integer NOT NULL DEFAULT 20,
                    inserted_at timestamp NOT NULL DEFAULT timezone('UTC', now()),
                    scheduled_at timestamp NOT NULL DEFAULT timezone('UTC', now()),
                    attempted_at timestamp, completed_at timestamp, attempted_by text[], discarded_at timestamp,
                    priority integer DEFAULT 0, tags text[] DEFAULT ARRAY[]::text[]);
                CREATE INDEX ON oban.oban_jobs (state, queue, priority, scheduled_at, id);
                """);
        ObanNode v8 = new ObanNode(old.db, "oban");
        v8.insert("MyApp.Mailer", "mailers", "available", "0 s");
        v8.insert("MyApp.Mailer", "mailers", "available", "0 s");
        v8.fetch("mailers", "web.1");
        v8.discard(1, "** (KeyError) key :to not found");
        JsonNode detect = old.cli("detect").json();
        assertEquals("oban", detect.get("profiles").get(0).get("profile").asText(), detect.toPrettyString());
        JsonNode counts = old.cli("status", "--profile", "oban").json().get("profiles").get(0).get("counts");
        assertEquals(1, counts.get("QUEUED").asInt());
        assertEquals(1, counts.get("FAILED").asInt());
        assertEquals("** (KeyError) key :to not found", old.cli("failed", "--profile", "oban").json().get("profiles").get(0)
                .get("failed").get(0).get("error").asText());
        ActionFixture.Run retry = old.cli("act", "retry", "--profile", "oban", "--task", "1", "--yes", "--reason", "t");
        assertEquals(3, retry.exitCode(), retry.err());
        assertTrue(retry.err().contains("needs column oban.oban_jobs.cancelled_at"), retry.err());
        ActionFixture.Run discard = old.cli("act", "discard", "--profile", "oban", "--task", "2", "--yes", "--reason", "t");
        assertEquals(0, discard.exitCode(), discard.err());
        assertEquals("discarded", old.value("SELECT state FROM oban.oban_jobs WHERE id = 2"));
    }
}
