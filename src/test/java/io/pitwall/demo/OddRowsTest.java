package io.pitwall.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.runbook.ActionFixture;
import io.pitwall.upstream.Dsa110Schemas;
import io.pitwall.upstream.GraphileWorkerSchemas;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No odd row breaks a whole read, for every built-in profile. Each system's schema is the one its demo creates from
 * the upstream DDL (the header of each src/main/resources/io/pitwall/demo/*.sql names the upstream file and commit;
 * /work/shared/reference/upstream-sources.md lists them: rails/solid_queue queue_schema.rb at 29e818d9,
 * bensheldon/good_job create_good_jobs.rb.erb at 81db22b7, riverqueue/river migrations at fdf6cdf1, oban-bg/oban
 * v01…v15 at 2939e313, timgit/pg-boss src/plans.ts at 55ee32f6, graphile/worker sql/0000NN.sql at abfb4cff,
 * procrastinate-org/procrastinate schema.sql at f099a753, earendil-works/absurd sql/absurd.sql at 9b77b356, the seed
 * schemas of fixture-schemas.md), filled by the demo's own worker statements; then {@link HostileValues} writes, in
 * every column of every table, values that column's type and the schema's constraints allow (a column's type is
 * what it may hold: Solid Queue's error and arguments are `text`, River's and Oban's errors `jsonb[]`, pg-boss's
 * output `jsonb`), and after each batch status, stuck, failed (list and --group), show, timeline and check must
 * still answer, with every task id a string.
 */
class OddRowsTest {

    private static final int ROUNDS_PER_CHECK = 5;

    private record QueueSystem(String profile, Setup setup) {
    }

    @FunctionalInterface
    private interface Setup {
        void apply(ActionFixture f, Connection c) throws Exception;
    }

    private static Setup demo(DemoSystem system) {
        return (f, c) -> {
            system.createSchema(c);
            system.seed(c, new Random(11));
        };
    }

    private static List<QueueSystem> systems() {
        List<QueueSystem> systems = new ArrayList<>();
        for (DemoSystem system : DemoDatabase.allSystems()) {
            systems.add(new QueueSystem(system.profileId(), demo(system)));
        }
        // GoodJob 3.x (bensheldon/good_job v3.99.1, before update migration 13_create_good_job_process_lock_ids).
        systems.add(new QueueSystem("good-job", (f, c) -> {
            demo(new GoodJobDemo()).apply(f, c);
            f.db.execute("ALTER TABLE good_job.good_jobs DROP COLUMN locked_by_id, DROP COLUMN locked_at, DROP COLUMN lock_type;"
                    + " ALTER TABLE good_job.good_job_executions DROP COLUMN process_id;"
                    + " ALTER TABLE good_job.good_job_processes DROP COLUMN lock_type");
        }));
        // The current DSA-110 schema (dsa110/dsa110-contimg backend/src/dsa110_contimg/absurd/schema.sql, 5208d8cc).
        systems.add(new QueueSystem("dsa110-absurd", (f, c) -> f.db.execute(Dsa110Schemas.CURRENT + """
                SELECT absurd.spawn_task('dsa110', 'imaging', jsonb_build_object('group_id', 'g' || g), 0, 600)
                  FROM generate_series(1, 12) g;
                SELECT absurd.claim_task('dsa110', 'worker-' || g) FROM generate_series(1, 8) g;
                SELECT absurd.fail_task(task_id, 'FileNotFoundError: missing .uvh5 input')
                  FROM absurd.tasks WHERE status = 'claimed' LIMIT 3;
                SELECT absurd.complete_task(task_id, '{}') FROM absurd.tasks WHERE status = 'claimed' LIMIT 2;
                UPDATE absurd.tasks SET claimed_at = now() - interval '3 hours' WHERE status = 'claimed';
                """)));
        // Graphile Worker 0.13–0.15 (graphile/worker sql/000011.sql … 000015.sql, abfb4cff).
        systems.add(new QueueSystem("graphile-worker-legacy", (f, c) -> f.db.execute(GraphileWorkerSchemas.legacy(true) + """
                SELECT graphile_worker.add_job('send_email', json_build_object('n', g), 'mail', now() - interval '2 hours')
                  FROM generate_series(1, 10) g;
                UPDATE graphile_worker.jobs SET locked_by = 'worker-dead', locked_at = now() - interval '5 hours',
                       attempts = 1 WHERE id <= 3;
                UPDATE graphile_worker.jobs SET attempts = max_attempts, last_error = 'Error: connect ECONNREFUSED'
                 WHERE id BETWEEN 4 AND 6;
                """)));
        return systems;
    }

    @TestFactory
    Stream<DynamicTest> everyReadAnswersWhateverTheRowsHold() {
        return systems().stream().map(system -> DynamicTest.dynamicTest(system.profile() + " "
                + systems().indexOf(system), () -> sweep(system)));
    }

    private static void sweep(QueueSystem system) throws Exception {
        ActionFixture f = new ActionFixture();
        try (Connection c = f.db.dataSource().getConnection()) {
            system.setup().apply(f, c);
            String profile = system.profile();
            List<HostileValues.Column> columns = HostileValues.columns(c);
            int rounds = HostileValues.rounds(columns);
            int written = 0;
            for (int round = 0; round < rounds; round++) {
                written += HostileValues.write(c, columns, round);
                if (round % ROUNDS_PER_CHECK == ROUNDS_PER_CHECK - 1 || round == rounds - 1) {
                    checkReads(f, profile, "after round " + round + " (" + written + " odd values written)");
                }
            }
            assertTrue(written > columns.size(), profile + ": odd values written: " + written);
            int json = HostileValues.writeEverywhere(c, columns, true);
            checkReads(f, profile, "with JSON of the wrong shape in every JSON column of every row (" + json + " rows)");
            int text = HostileValues.writeEverywhere(c, columns, false);
            checkReads(f, profile, "with text that is not JSON in every text column of every row (" + text + " rows)");
            // The same reads for a person: text output of the oddest rows answers too.
            for (String[] command : List.of(new String[] {"status"}, new String[] {"stuck"}, new String[] {"failed"},
                    new String[] {"failed", "--group"})) {
                List<String> args = new ArrayList<>(List.of(command));
                args.addAll(List.of("--profile", profile, "--url", f.db.url()));
                ActionFixture.Run run = ActionFixture.offline(args.toArray(String[]::new));
                assertEquals(0, run.exitCode(), profile + ": pitwall " + String.join(" ", args) + " (text): " + run.err());
                assertFalse(run.out().isBlank(), profile + ": " + args);
            }
        }
    }

    /** Every read of the profile answers, and what it lists can be shown and its pipeline drawn. */
    static void checkReads(ActionFixture f, String profile, String when) {
        String context = profile + " " + when;
        JsonNode status = ok(f, context, "status", "--profile", profile);
        assertEquals(profile, status.get("profiles").get(0).get("profile").asText(), context);
        assertTrue(status.get("profiles").get(0).get("counts").isObject(), context);

        ActionFixture.Run check = f.cli("check", "--profile", profile);
        assertTrue(check.exitCode() >= 0 && check.exitCode() <= 2, context + ": check is UNKNOWN (3) only when it "
                + "cannot read: " + check.out() + check.err());

        Set<String> shown = new LinkedHashSet<>();
        JsonNode stuck = ok(f, context, "stuck", "--profile", profile).get("profiles").get(0).get("stuck");
        for (JsonNode item : stuck) {
            assertTrue(item.get("id").isTextual(), context + ": stuck id " + item);
            assertFalse(item.get("rule").asText().isEmpty(), context + ": " + item);
        }
        JsonNode failed = ok(f, context, "failed", "--profile", profile).get("profiles").get(0).get("failed");
        for (JsonNode item : failed) {
            assertTrue(item.get("id").isTextual(), context + ": failed id " + item);
            if (shown.size() < 4) {
                shown.add(item.get("id").asText());
            }
        }
        JsonNode groups = ok(f, context, "failed", "--profile", profile, "--group").get("profiles").get(0).get("groups");
        for (JsonNode group : groups) {
            assertTrue(group.get("count").asLong() >= group.get("ids").size() && group.get("count").asLong() > 0,
                    context + ": " + group);
            group.get("ids").forEach(id -> assertTrue(id.isTextual(), context + ": group id " + id));
        }
        Set<String> pipelines = new LinkedHashSet<>();
        for (String id : shown) {
            JsonNode task = ok(f, context, "show", "--profile", profile, "--task", id).get("task");
            assertEquals(id, task.get("id").asText(), context);
            assertTrue(task.get("state").isTextual(), context + ": " + task);
            if (task.hasNonNull("pipeline") && pipelines.size() < 2) {
                pipelines.add(task.get("pipeline").asText());
            }
        }
        for (String key : pipelines) {
            JsonNode spans = ok(f, context, "timeline", "--profile", profile, "--pipeline", key).get("spans");
            assertFalse(spans.isEmpty(), context + ": pipeline " + key);
        }
    }

    private static JsonNode ok(ActionFixture f, String context, String... args) {
        ActionFixture.Run run = f.cli(args);
        assertEquals(0, run.exitCode(), context + ": pitwall " + String.join(" ", args) + " failed:\n" + run.err());
        return run.json();
    }
}
