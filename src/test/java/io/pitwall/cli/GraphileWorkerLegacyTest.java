package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.demo.GraphileWorkerSql;
import io.pitwall.demo.GraphileWorkerSql.Tables;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.upstream.GraphileWorkerSchemas;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Graphile Worker before migration 000016 renamed its tables (0.13 to 0.15): graphile/worker sql/000011.sql creates
 * graphile_worker.jobs, job_queues and tasks with the columns 0.16's _private_ tables have (000016.sql is only
 * ALTER TABLE ... RENAME and the functions rebuilt on the new names), 000015.sql adds force_unlock_workers; all at
 * abfb4cff. The fixture is therefore the 0.16 one (src/main/resources/io/pitwall/demo/graphile-worker.sql) under
 * the old names, without the 000017 view; the pool's statements are the same on the old names.
 */
class GraphileWorkerLegacyTest {

    private static final String DEAD = "worker-dead00000001";

    private static ActionFixture fixture(boolean withForceUnlock) throws Exception {
        ActionFixture f = new ActionFixture();
        f.db.execute(GraphileWorkerSchemas.legacy(withForceUnlock));
        f.db.execute("""
                SELECT graphile_worker.add_job('sync_crm', '{}', 'crm', now() - interval '6 hours');
                SELECT graphile_worker.add_job('send_email', '{}', NULL, NULL, 1);
                SELECT graphile_worker.add_job('send_email', '{}', run_at => now() + interval '1 hour');
                """);
        try (Connection c = f.db.dataSource().getConnection()) {
            assertEquals(1L, GraphileWorkerSql.getJob(c, Tables.LEGACY, DEAD, Instant.now().minusSeconds(5 * 3600)));
            assertEquals(2L, GraphileWorkerSql.getJob(c, Tables.LEGACY, "worker-live00000001", Instant.now()));
            GraphileWorkerSql.failJob(c, Tables.LEGACY, "worker-live00000001", 2, "Error: connect ECONNREFUSED 10.0.3.21:587");
        }
        return f;
    }

    @Test
    void theOldTablesAreReadByTheLegacyProfileOnly() throws Exception {
        ActionFixture f = fixture(true);
        ActionFixture.Run detectRun = f.cli("detect");
        assertEquals(0, detectRun.exitCode(), detectRun.out() + detectRun.err());
        JsonNode detect = detectRun.json();
        assertEquals(1, detect.get("profiles").size(), detect.toString());
        assertEquals("graphile-worker-legacy", detect.get("profiles").get(0).get("profile").asText());
        assertEquals("graphile_worker.jobs", detect.get("profiles").get(0).get("where").asText());
        assertEquals(0, detect.path("problems").size(), detect.toString());

        JsonNode counts = f.cli("status").json().get("profiles").get(0).get("counts");
        assertEquals(1, counts.path("RUNNING").asInt(), counts.toString());
        assertEquals(1, counts.path("FAILED").asInt());
        assertEquals(1, counts.path("SCHEDULED").asInt());
        JsonNode stuck = f.cli("stuck").json().get("profiles").get(0).get("stuck");
        assertEquals(2, stuck.size(), "the dead pool's job and its crm queue: " + stuck);
        assertTrue(stuck.toString().contains("locked by " + DEAD + " for 5 h"), stuck.toString());
        assertEquals("Error: connect ECONNREFUSED 10.0.3.21:587",
                f.cli("failed").json().get("profiles").get(0).get("failed").get(0).get("error").asText());

        ActionFixture.Run unlock = f.cli("act", "force-unlock-worker", "--profile", "graphile-worker-legacy", "--stuck",
                "--yes", "--reason", "dead pod");
        assertEquals(0, unlock.exitCode(), unlock.err());
        assertNull(f.value("SELECT locked_by FROM graphile_worker.job_queues WHERE queue_name = 'crm'"));
        ActionFixture.Run retry = f.cli("act", "retry", "--profile", "graphile-worker-legacy", "--task", "2", "--yes",
                "--reason", "smtp is back");
        assertEquals(0, retry.exitCode(), retry.err());
        try (Connection c = f.db.dataSource().getConnection()) {
            f.db.execute("UPDATE graphile_worker.jobs SET priority = 9 WHERE id = 1");
            assertEquals(2L, GraphileWorkerSql.getJob(c, Tables.LEGACY, "worker-next0000001", Instant.now()),
                    "the pool's own fetch takes the retried job");
        }
    }

    @Test
    void beforeMigration15TheUnlockActionsAreNotOffered() throws Exception {
        ActionFixture f = fixture(false);
        ActionFixture.Run unlock = f.cli("act", "force-unlock-worker", "--profile", "graphile-worker-legacy", "--stuck",
                "--yes", "--reason", "dead pod");
        assertTrue(unlock.exitCode() == 2 || unlock.exitCode() == 3, unlock.exitCode() + " " + unlock.out() + unlock.err());
        assertTrue((unlock.out() + unlock.err()).contains("force_unlock_workers"), unlock.out() + unlock.err());
        assertEquals(DEAD, f.value("SELECT locked_by FROM graphile_worker.jobs WHERE id = 1"), "nothing changed");
        assertEquals(0, f.cli("act", "retry", "--profile", "graphile-worker-legacy", "--task", "2", "--yes",
                "--reason", "r").exitCode(), "reschedule_jobs is there since 000004");
    }
}
