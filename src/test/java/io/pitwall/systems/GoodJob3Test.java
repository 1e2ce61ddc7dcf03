package io.pitwall.systems;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.demo.GoodJobSql;
import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GoodJob 3.x before its update migration 13_create_good_job_process_lock_ids (bensheldon/good_job v3.99.1,
 * lib/generators/good_job/templates/update/migrations/): no locked_by_id, locked_at, executions.process_id or
 * processes.lock_type. The good-job profile's 3.x version binds it; a running job is live only while some session
 * holds its advisory lock in pg_locks.
 */
class GoodJob3Test {

    @Test
    void theAdvisoryLockAloneTellsALiveWorkerFromADeadOne() throws Exception {
        ActionFixture f = new ActionFixture("good-job");
        f.db.execute("ALTER TABLE good_job.good_jobs DROP COLUMN locked_by_id, DROP COLUMN locked_at, DROP COLUMN lock_type;"
                + " ALTER TABLE good_job.good_job_executions DROP COLUMN process_id;"
                + " ALTER TABLE good_job.good_job_processes DROP COLUMN lock_type");
        GoodJobSql gj = new GoodJobSql("good_job");
        String live;
        String died;
        try (Connection c = f.db.dataSource().getConnection(); Connection worker = f.db.dataSource().getConnection()) {
            live = gj.enqueue(c, "ReportJob", "default", "[1]", 0, null);
            assertEquals(live, gj.claimWithAdvisoryLockV3(worker));
            try (Connection dying = f.db.dataSource().getConnection()) {
                died = gj.enqueue(c, "ImportJob", "default", "[2]", 0, null);
                assertEquals(died, gj.claimWithAdvisoryLockV3(dying));
            }
            gj.enqueue(c, "ReportJob", "default", "[3]", 3600, null);

            JsonNode detect = f.cli("detect").json();
            assertEquals(1, detect.get("profiles").size(), detect.toString());
            assertEquals("good-job", detect.get("profiles").get(0).get("profile").asText());
            assertTrue(detect.toString().contains("3.x before locked_by_id"), detect.toString());

            JsonNode counts = f.cli("status", "--profile", "good-job").json().get("profiles").get(0).get("counts");
            assertEquals(2, counts.get("RUNNING").asInt(), counts.toString());
            assertEquals(1, counts.get("SCHEDULED").asInt(), counts.toString());

            List<String> stuck = new ArrayList<>();
            f.cli("stuck", "--profile", "good-job").json().get("profiles").get(0).get("stuck")
                    .forEach(item -> stuck.add(item.get("id").asText() + " " + item.get("rule").asText()));
            assertEquals(List.of(died + " advisory-lock-lost"), stuck);
            JsonNode shown = f.cli("show", "--profile", "good-job", "--task", live).json().get("task");
            assertTrue(shown.get("owner").asText().startsWith("session pid "), shown.toString());

            ActionFixture.Run discard = f.cli("act", "discard", "--profile", "good-job", "--task", live, "--yes", "--reason", "t");
            assertEquals(3, discard.exitCode(), "the live worker holds the job's advisory lock: " + discard.out());
            ActionFixture.Run discardDead = f.cli("act", "discard", "--profile", "good-job", "--task", died, "--yes", "--reason", "t");
            assertEquals(0, discardDead.exitCode(), discardDead.err());
            assertEquals("GoodJob::Job::DiscardJobError: Discarded through Pitwall",
                    f.value("SELECT error FROM good_job.good_jobs WHERE id = '" + died + "'"));
        }
    }
}
