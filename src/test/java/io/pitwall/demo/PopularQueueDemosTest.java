package io.pitwall.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.cli.CliRun;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Solid Queue and GoodJob demos leave a dead worker's jobs behind, with real errors, after their workers tick. */
class PopularQueueDemosTest {

    @Test
    void eachDemoHasStuckJobsWithEvidenceAndFailedGroupsWhileItsWorkersRun() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        List<DemoSystem> systems = List.of(new SolidQueueDemo(), new GoodJobDemo());
        try (Connection c = db.dataSource().getConnection()) {
            for (DemoSystem system : systems) {
                system.createSchema(c);
                system.seed(c, new Random(3));
            }
            for (int tick = 0; tick < 5; tick++) {
                for (DemoSystem system : systems) {
                    system.tick(c, new Random(tick));
                }
            }
        }
        for (String profile : List.of("solid-queue", "good-job")) {
            CliRun stuck = CliRun.of("stuck", "--url", db.url(), "--profile", profile, "--json");
            assertEquals(0, stuck.exitCode(), stuck.err());
            List<String> rules = new ArrayList<>();
            for (JsonNode item : stuck.json().get("profiles").get(0).get("stuck")) {
                assertTrue(item.get("evidence").asText().length() > 20, item.toString());
                rules.add(item.get("rule").asText());
            }
            assertTrue(rules.size() >= 3, profile + " leaves dead workers' jobs behind: " + rules);
            CliRun failed = CliRun.of("failed", "--url", db.url(), "--profile", profile, "--group", "--json");
            assertTrue(failed.json().get("profiles").get(0).get("groups").size() >= 2, failed.out());
        }
        JsonNode sq = CliRun.of("stuck", "--url", db.url(), "--profile", "solid-queue", "--json").json();
        assertTrue(sq.toString().contains("process-dead") && sq.toString().contains("process-missing"), sq.toString());
        JsonNode gj = CliRun.of("stuck", "--url", db.url(), "--profile", "good-job", "--json").json();
        assertTrue(gj.toString().contains("locked-by-dead-process") && gj.toString().contains("advisory-lock-lost"), gj.toString());
    }
}
