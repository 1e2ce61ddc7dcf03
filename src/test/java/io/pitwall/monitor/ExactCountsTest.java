package io.pitwall.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.cli.CliRun;
import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.TargetResolver;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.KindCounts;
import io.pitwall.queue.MissingIndex;
import io.pitwall.queue.QueueStatus;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.pitwall.queue.CanonicalState.FAILED;
import static io.pitwall.queue.CanonicalState.PAUSED;
import static io.pitwall.queue.CanonicalState.QUEUED;
import static io.pitwall.queue.CanonicalState.RUNNING;
import static io.pitwall.queue.CanonicalState.SUCCEEDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 300,000-row shithub table with a few hundred active rows: the case where a sample showed 0 queued while
 * hundreds waited. With the state index the non-terminal counts are exact and labelled so; without it they are
 * labelled estimates and the missing index is reported with the statement that creates it.
 */
public class ExactCountsTest {

    public static final String ROWS = """
            INSERT INTO shithub.jobs (kind, state)
            SELECT CASE WHEN g % 2 = 0 THEN 'repo.push' ELSE 'notify.fanout' END,
                   CASE WHEN g % 20 = 0 THEN 'failed' ELSE 'completed' END
              FROM generate_series(1, 300000) g;
            INSERT INTO shithub.jobs (kind, state, leased_by, leased_at)
            SELECT CASE WHEN g % 3 = 0 THEN 'search.reindex' ELSE 'repo.push' END,
                   CASE WHEN g <= 310 THEN 'queued' WHEN g <= 440 THEN 'processing' ELSE 'paused' END,
                   CASE WHEN g BETWEEN 311 AND 440 THEN 'w1:1' END, CASE WHEN g BETWEEN 311 AND 440 THEN now() END
              FROM generate_series(1, 517) g;
            ANALYZE shithub.jobs;
            """;

    private static TestDatabase indexed;
    private static TestDatabase unindexed;

    @BeforeAll
    static void tables() {
        indexed = TestDatabase.fresh();
        indexed.execute(SkeletonFixture.resource("/io/pitwall/demo/shithub.sql"));
        indexed.execute(ROWS);
        unindexed = TestDatabase.fresh();
        unindexed.execute(SkeletonFixture.resource("/io/pitwall/demo/shithub.sql"));
        unindexed.execute("DROP INDEX shithub.jobs_state_kind_idx");
        unindexed.execute(ROWS);
    }

    private static MonitorSession session(TestDatabase db) throws Exception {
        return new MonitorSession(new DatabasePools(TargetResolver.fromSystem().resolve(db.url())),
                new ProfileLoader().load(Path.of("/nonexistent")));
    }

    private static QueueStatus shithub(MonitorSession session) throws Exception {
        return session.status("shithub").queues().getFirst();
    }

    @Test
    void nonTerminalCountsAreExactAndLabelledExact() throws Exception {
        try (MonitorSession session = session(indexed)) {
            QueueStatus jobs = shithub(session);
            assertEquals(310, jobs.counts().get(QUEUED));
            assertEquals(130, jobs.counts().get(RUNNING));
            assertEquals(77, jobs.counts().get(PAUSED));
            for (CanonicalState state : List.of(QUEUED, RUNNING, PAUSED, CanonicalState.SCHEDULED)) {
                assertTrue(jobs.accuracyOf(state).exact(), state + " labelled exact");
                assertEquals("index", jobs.accuracyOf(state).source());
            }
            // 15,000 failed rows are more than a one-shot read counts (it reads at most 1,001 index entries to
            // know): the planner's estimate, labelled so.
            long failed = jobs.counts().get(FAILED);
            assertTrue(failed > 12_000 && failed < 18_000, "estimated failed near 15,000: " + failed);
            assertFalse(jobs.accuracyOf(FAILED).exact());
            assertEquals("planner", jobs.accuracyOf(FAILED).source());
            // The 285,000 completed rows are the planner's estimate, and say so.
            assertFalse(jobs.accuracyOf(SUCCEEDED).exact());
            long completed = jobs.counts().get(SUCCEEDED);
            assertTrue(completed > 250_000 && completed < 320_000, "estimated completed near 285,000: " + completed);
            assertTrue(jobs.estimated());
            assertTrue(jobs.missingIndexes().isEmpty(), jobs.missingIndexes().toString());
            KindCounts push = jobs.kinds().stream().filter(k -> k.kind().equals("repo.push")).findFirst().orElseThrow();
            assertEquals(207, push.counts().get(QUEUED), "per kind exact too");
            assertEquals(0, push.counts().get(SUCCEEDED), "an estimated state has no breakdown per kind");
        }
    }

    @Test
    void withoutTheIndexTheyAreLabelledEstimatedAndTheIndexIsReported() throws Exception {
        try (MonitorSession session = session(unindexed)) {
            QueueStatus jobs = shithub(session);
            for (CanonicalState state : List.of(QUEUED, RUNNING, PAUSED, FAILED, SUCCEEDED)) {
                assertFalse(jobs.accuracyOf(state).exact(), state + " must not be labelled exact without its index");
                assertEquals("planner", jobs.accuracyOf(state).source());
            }
            MissingIndex active = jobs.missingIndexes().stream().filter(m -> m.purpose().equals("active"))
                    .findFirst().orElseThrow();
            assertEquals("shithub.jobs", active.where());
            assertNotNull(active.create());
            assertTrue(active.create().startsWith("CREATE INDEX CONCURRENTLY"), active.create());
            assertTrue(session.missingIndexes("shithub").contains(active), "detect reports the same index");
        }
    }

    @Test
    void theReportedStatementCreatesAnIndexThatMakesTheCountsExact() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        db.execute(SkeletonFixture.resource("/io/pitwall/demo/shithub.sql"));
        db.execute("DROP INDEX shithub.jobs_state_kind_idx");
        db.execute(ROWS);
        String create;
        try (MonitorSession session = session(db)) {
            create = shithub(session).missingIndexes().getFirst().create();
        }
        db.execute(create);
        try (MonitorSession session = session(db)) {
            QueueStatus jobs = shithub(session);
            assertEquals(310, jobs.counts().get(QUEUED));
            assertTrue(jobs.accuracyOf(QUEUED).exact());
            assertTrue(jobs.missingIndexes().stream().noneMatch(m -> m.purpose().equals("active")),
                    "only the failed index is still missing: " + jobs.missingIndexes());
        }
    }

    @Test
    void statusJsonLabelsEachStateAndNamesTheMissingIndex() {
        JsonNode shithub = statusJson(unindexed);
        assertTrue(shithub.get("estimated").asBoolean());
        assertEquals("estimated", shithub.at("/accuracy/QUEUED/method").asText());
        assertTrue(shithub.at("/missingIndexes/0/create").asText().startsWith("CREATE INDEX CONCURRENTLY"));
        JsonNode exact = statusJson(indexed);
        assertEquals("exact", exact.at("/accuracy/QUEUED/method").asText());
        assertEquals("index", exact.at("/accuracy/QUEUED/source").asText());
        assertEquals(310, exact.at("/counts/QUEUED").asLong());
        assertEquals("planner", exact.at("/accuracy/SUCCEEDED/source").asText());
    }

    @Test
    void aOneShotStatusCountsFailedExactlyOnlyWhereFewWhateverTheStatisticsSay() {
        TestDatabase db = TestDatabase.fresh();
        db.execute(SkeletonFixture.resource("/io/pitwall/demo/shithub.sql"));
        db.execute("INSERT INTO shithub.jobs (kind, state) SELECT 'repo.push', 'completed' FROM generate_series(1, 60000);"
                + " INSERT INTO shithub.jobs (kind, state, last_error) SELECT 'repo.push', 'failed', 'boom'"
                + " FROM generate_series(1, 1000); ANALYZE shithub.jobs");
        JsonNode few = statusJson(db);
        assertEquals(1000, few.at("/counts/FAILED").asLong(), "at the bound: counted");
        assertEquals("exact", few.at("/accuracy/FAILED/method").asText());
        assertEquals(1000, few.at("/kinds/0/counts/FAILED").asLong(), "an exact count is broken down per kind");

        // One more than the bound, and 5,000 more the statistics have not seen: estimated, never fewer than seen.
        db.execute("INSERT INTO shithub.jobs (kind, state, last_error) SELECT 'repo.push', 'failed', 'boom'"
                + " FROM generate_series(1, 5001)");
        JsonNode many = statusJson(db);
        assertEquals("estimated", many.at("/accuracy/FAILED/method").asText());
        assertEquals("planner", many.at("/accuracy/FAILED/source").asText());
        assertTrue(many.get("estimated").asBoolean());
        assertTrue(many.at("/counts/FAILED").asLong() >= 1001, "at least what the bounded read saw: " + many);
        db.execute("ANALYZE shithub.jobs");
        long analyzed = statusJson(db).at("/counts/FAILED").asLong();
        assertTrue(analyzed > 5000 && analyzed < 7000, "the planner's estimate once it has seen them: " + analyzed);
    }

    private static JsonNode statusJson(TestDatabase db) {
        CliRun run = CliRun.of("status", "--url", db.url(), "--profile", "shithub", "--json");
        assertEquals(0, run.exitCode(), run.err());
        return run.json().get("profiles").get(0);
    }
}
