package io.pitwall.profile;

import io.pitwall.monitor.StatusReader;
import io.pitwall.monitor.StuckReader;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.StuckItem;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two format features as a user profile uses them: one profile for two versions of a table that differ by
 * columns (optionalColumns with stand-ins), and a partitioned task table read through its parent.
 */
class OptionalColumnsAndPartitionsTest {

    @TempDir
    Path dir;

    private static final String PROFILE = """
            {
              "id": "acme-jobs",
              "title": "Acme jobs",
              "detect": {
                "table": "jobs",
                "columns": ["id:int", "queue:text", "state:text"],
                "optionalColumns": {
                  "lease_until:timestamptz": "t.started_at + interval '5 minutes'",
                  "started_at:timestamptz": "t.claimed"
                }
              },
              "tasks": {"id": "id", "kind": "queue", "queue": "queue", "state": "state", "claimedAt": "started_at"},
              "states": {"ready": "QUEUED", "running": "RUNNING", "done": "SUCCEEDED"},
              "stuck": [{"id": "lease-expired", "where": "t.state = 'running' AND t.lease_until < now()",
                         "since": "lease_until", "threshold": "0s", "evidence": "lease ran out {age} ago"}]
            }
            """;

    private ProfileRegistry registry(String json) throws IOException {
        Files.writeString(dir.resolve("acme.json"), json);
        return new ProfileLoader().load(dir);
    }

    private static Detection detect(TestDatabase db, ProfileRegistry registry) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            return new CatalogDetector(registry.profiles().stream().filter(p -> p.id().equals("acme-jobs")).toList())
                    .detect(connection);
        }
    }

    @Test
    void oneProfileReadsBothVersionsThroughTheStandIns() throws Exception {
        ProfileRegistry registry = registry(PROFILE);
        assertEquals(List.of(), registry.problems().stream().filter(p -> p.file().endsWith("acme.json")).toList());
        TestDatabase db = TestDatabase.fresh();
        db.execute("""
                CREATE SCHEMA v1; CREATE SCHEMA v2;
                CREATE TABLE v1.jobs (id int PRIMARY KEY, queue text, state text, claimed timestamptz);
                CREATE TABLE v2.jobs (id int PRIMARY KEY, queue text, state text, started_at timestamptz, lease_until timestamptz);
                INSERT INTO v1.jobs VALUES (1, 'mail', 'running', now() - interval '10 minutes'), (2, 'mail', 'ready', NULL);
                INSERT INTO v2.jobs VALUES (1, 'mail', 'running', now() - interval '10 minutes', now() + interval '1 hour'),
                                           (2, 'mail', 'running', now() - interval '10 minutes', now() - interval '1 minute');
                """);
        Detection detection = detect(db, registry);
        assertEquals(List.of("v1.jobs", "v2.jobs"), detection.bindings().stream().map(Binding::where).sorted().toList());
        assertEquals(List.of(), detection.broken(), "every expression plans on both versions");
        List<StuckItem> stuck = new StuckReader().read(db.dataSource(), detection.bindings(), List.of(), null);
        assertEquals(List.of("v1.jobs 1", "v2.jobs 2"), stuck.stream().map(s -> s.where() + " " + s.id()).sorted().toList(),
                "v1's lease is started + 5 min, from its own claimed column; v2 has lease_until");
    }

    @Test
    void aPresentOptionalColumnOfTheWrongTypeIsANearMiss() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        db.execute("CREATE TABLE jobs (id int PRIMARY KEY, queue text, state text, started_at text)");
        Detection detection = detect(db, registry(PROFILE));
        assertEquals(List.of(), detection.bindings());
        assertEquals(1, detection.problems().size(), detection.problems().toString());
        assertTrue(detection.problems().getFirst().message().startsWith("column started_at is text, expected timestamptz"),
                detection.problems().getFirst().message());
    }

    @Test
    void aStandInMustBeGivenAndTypesMustBeKnown() throws Exception {
        ProfileRegistry registry = registry(PROFILE.replace("\"t.claimed\"", "\"\"").replace("lease_until:timestamptz", "lease_until:instant"));
        List<String> messages = registry.problems().stream().filter(p -> p.file().endsWith("acme.json"))
                .map(ProfileProblem::message).toList();
        assertTrue(messages.stream().anyMatch(m -> m.contains("unknown type 'instant' for column lease_until")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("optional column started_at needs the SQL that stands in")), messages.toString());
        assertTrue(registry.find("acme-jobs").isEmpty(), "a broken profile is not used");
    }

    @Test
    void aPartitionedTableIsOneQueueTableReadThroughItsParentAndEstimatedWhenBig() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        db.execute("""
                CREATE TABLE jobs (id int, queue text NOT NULL, state text, started_at timestamptz, lease_until timestamptz,
                                   PRIMARY KEY (queue, id)) PARTITION BY LIST (queue);
                CREATE TABLE jobs_mail PARTITION OF jobs FOR VALUES IN ('mail');
                CREATE TABLE jobs_other PARTITION OF jobs DEFAULT;
                INSERT INTO jobs SELECT n, CASE WHEN n % 4 = 0 THEN 'video' ELSE 'mail' END,
                                        CASE WHEN n % 100 = 0 THEN 'ready' ELSE 'done' END, NULL, NULL
                                   FROM generate_series(1, 240000) n;
                ANALYZE jobs_mail; ANALYZE jobs_other;
                """);
        Detection detection = detect(db, registry(PROFILE));
        assertEquals(List.of("public.jobs"), detection.bindings().stream().map(Binding::where).toList(),
                "the parent only: jobs_mail and jobs_other have the same columns but are its partitions");
        QueueStatus status = new StatusReader().read(db.dataSource(), detection.bindings()).queues().getFirst();
        assertTrue(status.estimated(), "240,000 rows in the partitions: its size comes from the parent, so terminal states are estimated");
        long done = status.counts().get(CanonicalState.SUCCEEDED);
        assertTrue(Math.abs(done - 237_600) < 237_600 * 0.15, "estimated through the parent: " + done);
    }
}
