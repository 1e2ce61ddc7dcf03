package io.pitwall.profile;

import io.pitwall.monitor.StatusReader;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.StateCounts;
import io.pitwall.queue.StatusSnapshot;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every built-in profile on a real PostgreSQL: what detection finds, and the exact counts of a hand-made fixture. */
class BuiltInProfilesTest {

    private static final ProfileRegistry REGISTRY = new ProfileLoader().load(null);

    static TestDatabase database(String... sql) {
        TestDatabase db = TestDatabase.fresh();
        for (String script : sql) {
            db.execute(script);
        }
        return db;
    }

    static Detection detect(TestDatabase db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection()) {
            return new CatalogDetector(REGISTRY.profiles()).detect(connection);
        }
    }

    /** "profile@schema.table", sorted, for exact comparisons. */
    static List<String> found(Detection detection) {
        return detection.bindings().stream().map(b -> b.profile().id() + "@" + b.where()).sorted().toList();
    }

    static Map<String, Long> counts(StateCounts counts) {
        Map<String, Long> values = new TreeMap<>();
        for (CanonicalState state : CanonicalState.values()) {
            if (counts.get(state) > 0) {
                values.put(state.name(), counts.get(state));
            }
        }
        return values;
    }

    /** Kind to non-zero counts, merged over every queue the profile is bound to. */
    static Map<String, Map<String, Long>> kinds(List<QueueStatus> queues) {
        Map<String, StateCounts> merged = new TreeMap<>();
        queues.forEach(q -> q.kinds().forEach(k -> merged.merge(k.kind(), k.counts(), StateCounts::plus)));
        Map<String, Map<String, Long>> result = new TreeMap<>();
        merged.forEach((kind, c) -> result.put(kind, counts(c)));
        return result;
    }

    static StatusSnapshot status(TestDatabase db) throws SQLException {
        return new StatusReader().read(db.dataSource(), detect(db).bindings());
    }

    static Map<String, Long> total(StatusSnapshot snapshot, String profileId) {
        return counts(snapshot.queues().stream().filter(q -> q.profileId().equals(profileId))
                .map(QueueStatus::counts).reduce(StateCounts.EMPTY, StateCounts::plus));
    }

    static Map<String, Long> expect(Object... stateThenCount) {
        Map<String, Long> map = new TreeMap<>();
        for (int i = 0; i < stateThenCount.length; i += 2) {
            map.put((String) stateThenCount[i], ((Number) stateThenCount[i + 1]).longValue());
        }
        return map;
    }

    @Test
    void theSevenBuiltInsLoadWithoutProblems() {
        assertEquals(List.of(), REGISTRY.problems().stream().map(Object::toString).toList());
        assertEquals(List.of("cloudgov-broker", "dsa110-absurd", "dsa110-absurd", "shithub", "absurd", "broadleaf", "permanent",
                "shithub-0018", "solid-queue", "good-job", "good-job", "graphile-worker", "pg-boss",
                "graphile-worker-legacy", "river", "oban", "procrastinate"), REGISTRY.profiles().stream().map(Profile::id).toList());
        assertEquals(2, REGISTRY.versions("dsa110-absurd").size(), "absurd.t_tasks and absurd.tasks");
    }

    @Test
    void anEmptyDatabaseMatchesNothing() throws SQLException {
        Detection detection = detect(database("CREATE TABLE jobs (id int, kind text)"));
        assertEquals(List.of(), found(detection));
    }

    @Test
    void everyFixtureInOneDatabaseIsFoundOnceAndWithoutProblems() throws SQLException {
        Detection detection = detect(database(Fixtures.CLOUDGOV, Fixtures.DSA110, Fixtures.BROADLEAF,
                Fixtures.permanent("perm"), Fixtures.shithubRunbook("shithub"), Fixtures.shithub0018("public")));
        assertEquals(List.of("broadleaf@public.blc_sndbx_wrkflw_deploy", "cloudgov-broker@public.operation",
                "dsa110-absurd@absurd.t_tasks", "permanent@perm.record", "shithub-0018@public.jobs",
                "shithub@shithub.jobs"), found(detection));
        assertEquals(List.of(), detection.problems());
    }

    @Test
    void theTwoShithubSchemasAreToldApartByTheirColumns() throws SQLException {
        assertEquals(List.of("shithub@public.jobs"), found(detect(database(Fixtures.shithubRunbook("public")))));
        assertEquals(List.of("shithub-0018@public.jobs"), found(detect(database(Fixtures.shithub0018("public")))));
        Detection both = detect(database(Fixtures.shithubRunbook("runbook"), Fixtures.shithub0018("real")));
        assertEquals(List.of("shithub-0018@real.jobs", "shithub@runbook.jobs"), found(both));
        assertEquals(List.of(), both.problems());
    }

    @Test
    void dsa110sSingleTableIsNotRealAbsurdEvenWhenAQueueIsCalledTasks() throws SQLException {
        TestDatabase db = database(Fixtures.DSA110, "INSERT INTO absurd.queues (queue_name) VALUES ('tasks')");
        assertEquals(List.of("dsa110-absurd@absurd.t_tasks"), found(detect(db)));
    }

    @Test
    void realAbsurdIsFoundPerQueueFromItsRegistryAndIsNotDsa110() throws SQLException {
        Detection detection = detect(database(Fixtures.ABSURD));
        assertEquals(List.of("absurd@absurd.t_default", "absurd@absurd.t_dsa110-pipeline"), found(detection));
        assertEquals(List.of("default", "dsa110-pipeline"),
                detection.bindings().stream().map(Binding::queue).sorted().toList());
        assertEquals(List.of(), detection.problems());
    }

    @Test
    void permanentIsFoundInPermOrPublic() throws SQLException {
        assertEquals(List.of("permanent@perm.record"), found(detect(database(Fixtures.permanent("perm")))));
        assertEquals(List.of("permanent@public.record"), found(detect(database(Fixtures.permanent("public")))));
        assertEquals(List.of(), found(detect(database(Fixtures.permanent("archive")))),
                "only the schemas the profile names are searched");
    }

    @Test
    void cloudgovCountsCancelByTimestamp() throws SQLException {
        StatusSnapshot snapshot = status(database(Fixtures.CLOUDGOV));
        assertEquals(expect("RUNNING", 2, "CANCELLED", 1, "SUCCEEDED", 2, "FAILED", 1), total(snapshot, "cloudgov-broker"));
        Map<String, Map<String, Long>> expected = new LinkedHashMap<>();
        expected.put("Deprovision", expect("SUCCEEDED", 1));
        expected.put("Provision", expect("RUNNING", 1, "SUCCEEDED", 1));
        expected.put("Renew", expect("RUNNING", 1, "FAILED", 1));
        expected.put("Update", expect("CANCELLED", 1));
        assertEquals(expected, kinds(snapshot.queues()));
    }

    @Test
    void dsa110Counts() throws SQLException {
        StatusSnapshot snapshot = status(database(Fixtures.DSA110));
        assertEquals(expect("QUEUED", 2, "RUNNING", 2, "SUCCEEDED", 1, "FAILED", 1, "CANCELLED", 1),
                total(snapshot, "dsa110-absurd"));
        assertEquals(Map.of("calibration-solve", expect("FAILED", 1), "convert-uvh5", expect("QUEUED", 1, "SUCCEEDED", 1),
                "imaging", expect("QUEUED", 1, "RUNNING", 1), "mosaic", expect("RUNNING", 1),
                "validation", expect("CANCELLED", 1)), kinds(snapshot.queues()));
    }

    @Test
    void aRawStateTheProfileDoesNotKnowCountsAsUnknown() throws SQLException {
        StatusSnapshot snapshot = status(database(Fixtures.DSA110,
                "UPDATE absurd.t_tasks SET status = 'retrying' WHERE task_name = 'validation'"));
        assertEquals(expect("QUEUED", 2, "RUNNING", 2, "SUCCEEDED", 1, "FAILED", 1, "UNKNOWN", 1),
                total(snapshot, "dsa110-absurd"));
        assertEquals(1L, snapshot.queues().getFirst().rawCounts().get("retrying"));
    }

    @Test
    void absurdCountsPerQueueAndInTotal() throws SQLException {
        StatusSnapshot snapshot = status(database(Fixtures.ABSURD));
        assertEquals(expect("QUEUED", 1, "SCHEDULED", 1, "RUNNING", 1, "SUCCEEDED", 2, "FAILED", 1, "CANCELLED", 1),
                total(snapshot, "absurd"));
        Map<String, Map<String, Long>> perQueue = new TreeMap<>();
        snapshot.queues().forEach(q -> perQueue.put(q.queue(), counts(q.counts())));
        assertEquals(Map.of("default", expect("QUEUED", 1, "SCHEDULED", 1, "RUNNING", 1, "SUCCEEDED", 2),
                "dsa110-pipeline", expect("FAILED", 1, "CANCELLED", 1)), perQueue);
        assertEquals(Map.of("send-email", expect("QUEUED", 1, "SCHEDULED", 1, "SUCCEEDED", 1),
                "imaging", expect("RUNNING", 1, "SUCCEEDED", 1), "calibration-solve", expect("FAILED", 1),
                "mosaic", expect("CANCELLED", 1)), kinds(snapshot.queues()));
    }

    @Test
    void broadleafCountsDeploymentsByStatus() throws SQLException {
        StatusSnapshot snapshot = status(database(Fixtures.BROADLEAF));
        assertEquals(expect("QUEUED", 2, "RUNNING", 1, "SUCCEEDED", 2, "FAILED", 1), total(snapshot, "broadleaf"));
        assertEquals(Map.of("sandbox deployment", expect("QUEUED", 2, "RUNNING", 1, "SUCCEEDED", 2, "FAILED", 1)),
                kinds(snapshot.queues()));
    }

    @Test
    void permanentCountsEveryRecordStatus() throws SQLException {
        StatusSnapshot snapshot = status(database(Fixtures.permanent("perm")));
        assertEquals(expect("QUEUED", 3, "RUNNING", 3, "PAUSED", 1, "SUCCEEDED", 3, "FAILED", 1, "CANCELLED", 1),
                total(snapshot, "permanent"));
        assertEquals(Map.of("type.record.image", expect("QUEUED", 2, "RUNNING", 1, "SUCCEEDED", 2, "CANCELLED", 1),
                "type.record.video", expect("QUEUED", 1, "RUNNING", 1, "PAUSED", 1),
                "type.record.document", expect("RUNNING", 1, "SUCCEEDED", 1, "FAILED", 1)), kinds(snapshot.queues()));
    }

    @Test
    void shithubRunbookCounts() throws SQLException {
        StatusSnapshot snapshot = status(database(Fixtures.shithubRunbook("shithub")));
        assertEquals(expect("QUEUED", 2, "RUNNING", 2, "PAUSED", 1, "SUCCEEDED", 1, "FAILED", 1), total(snapshot, "shithub"));
        assertEquals(Map.of("repo.push", expect("QUEUED", 1, "RUNNING", 1, "SUCCEEDED", 1, "FAILED", 1),
                "search.reindex", expect("QUEUED", 1, "RUNNING", 1, "PAUSED", 1)), kinds(snapshot.queues()));
    }

    @Test
    void shithub0018DerivesStateFromTimestamps() throws SQLException {
        StatusSnapshot snapshot = status(database(Fixtures.shithub0018("public")));
        assertEquals(expect("QUEUED", 2, "SCHEDULED", 1, "RUNNING", 2, "SUCCEEDED", 2, "FAILED", 1),
                total(snapshot, "shithub-0018"));
        assertEquals(Map.of("push:process", expect("QUEUED", 1, "RUNNING", 1, "SUCCEEDED", 2),
                "repo:index_code", expect("QUEUED", 1, "SCHEDULED", 1, "RUNNING", 1),
                "notify:fanout", expect("FAILED", 1)), kinds(snapshot.queues()));
        assertTrue(snapshot.queues().getFirst().rawCounts().keySet().stream()
                .allMatch(raw -> List.of("queued", "scheduled", "running", "completed", "failed").contains(raw)));
    }

    @Test
    void everyTaskExpressionOfEveryBuiltInRunsOnItsFixture() throws SQLException {
        List<Binding> bindings = new java.util.ArrayList<>();
        List<TestDatabase> dbs = List.of(database(Fixtures.CLOUDGOV, Fixtures.DSA110, Fixtures.BROADLEAF,
                Fixtures.permanent("perm"), Fixtures.shithubRunbook("shithub"), Fixtures.shithub0018("public")),
                database(Fixtures.ABSURD));
        for (TestDatabase db : dbs) {
            for (Binding binding : detect(db).bindings()) {
                bindings.add(binding);
                var t = binding.tasks();
                String select = "SELECT " + String.join(", ", java.util.stream.Stream.of(t.id(), t.kind(), t.state(),
                                t.owner(), t.claimedAt(), t.heartbeat(), t.attempts(), t.maxAttempts(), t.error(),
                                t.payload(), t.createdAt(), t.updatedAt(), t.finishedAt(), t.scheduledAt(),
                                t.pipelineKey())
                        .map(field -> io.pitwall.sql.TaskColumns.exprOr(field, "NULL")).toList())
                        + " FROM " + binding.qualifiedTable() + " t";
                db.execute(select);
            }
        }
        assertEquals(7, bindings.stream().map(b -> b.profile().id()).distinct().count());
    }

    @Test
    void absurdReadsTheHolderOfATaskFromItsCurrentRunInTheSameQueue() throws SQLException {
        TestDatabase db = database(Fixtures.ABSURD);
        Binding binding = detect(db).forProfile("absurd").stream().filter(b -> "default".equals(b.queue()))
                .findFirst().orElseThrow();
        var t = binding.tasks();
        try (Connection connection = db.dataSource().getConnection();
             var statement = connection.prepareStatement("SELECT " + io.pitwall.sql.TaskColumns.expr(t.owner()) + ", "
                     + io.pitwall.sql.TaskColumns.expr(t.heartbeat()) + " < now() FROM " + binding.qualifiedTable()
                     + " t WHERE t.task_id = '00000000-0000-7000-8000-000000000003'");
             var rows = statement.executeQuery()) {
            assertTrue(rows.next());
            assertEquals("host:42", rows.getString(1));
            assertTrue(rows.getBoolean(2), "the lease in the fixture has expired");
        }
    }
}
