package io.pitwall.monitor;

import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.TargetResolver;
import io.pitwall.profile.Binding;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.CountAccuracy;
import io.pitwall.queue.QueueStatus;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static io.pitwall.queue.CanonicalState.FAILED;
import static io.pitwall.queue.CanonicalState.PAUSED;
import static io.pitwall.queue.CanonicalState.QUEUED;
import static io.pitwall.queue.CanonicalState.RUNNING;
import static io.pitwall.queue.CanonicalState.SUCCEEDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's reader on ExactCountsTest's 300,517-row table (517 active, 15,000 failed, 285,000 completed): the
 * active states are counted with every refresh; the many failed rows from their index and the completed ones by a
 * count of the whole table, both in the background, exact and labelled with their age; nothing else is counted per
 * refresh, and a background count that overruns its own timeout leaves the planner's labelled estimate.
 */
class BackgroundCountsTest {

    private static TestDatabase db;

    @BeforeAll
    static void table() {
        db = TestDatabase.fresh();
        db.execute(SkeletonFixture.resource("/io/pitwall/demo/shithub.sql"));
        db.execute(ExactCountsTest.ROWS);
    }

    private static DatabasePools pools() throws Exception {
        return new DatabasePools(TargetResolver.fromSystem().resolve(db.url()));
    }

    private static Binding binding(DatabasePools pools) throws Exception {
        try (MonitorSession session = new MonitorSession(pools, new ProfileLoader().load(Path.of("/nonexistent")))) {
            return session.detection().forProfile("shithub").getFirst();
        }
    }

    /** Reads until {@code done} holds (the background count finished), at most 20 s. */
    private static QueueStatus readUntil(StatusReader reader, DatabasePools pools, Binding binding,
                                         Predicate<QueueStatus> done) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        QueueStatus status;
        do {
            status = reader.read(pools.monitor(), List.of(binding)).queues().getFirst();
            if (done.test(status)) {
                return status;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        return status;
    }

    @Test
    void terminalAndManyFailedAreCountedInTheBackgroundWithTheirAge() throws Exception {
        Binding binding = binding(pools());
        try (DatabasePools pools = pools()) {
            StatusReader reader = new StatusReader();
            reader.countInBackground();
            try {
                QueueStatus first = reader.read(pools.monitor(), List.of(binding)).queues().getFirst();
                // Before any background count has finished: the planner's estimate, and labelled so.
                assertEquals(CountAccuracy.Method.ESTIMATED, first.accuracyOf(SUCCEEDED).method());
                assertEquals(310, first.counts().get(QUEUED));
                QueueStatus counted = readUntil(reader, pools, binding,
                        s -> s.accuracyOf(SUCCEEDED).method() == CountAccuracy.Method.COUNTED
                                && s.accuracyOf(FAILED).method() == CountAccuracy.Method.COUNTED);
                assertEquals(285_000, counted.counts().get(SUCCEEDED), "exact, not an estimate");
                assertEquals(15_000, counted.counts().get(FAILED));
                assertEquals("full count", counted.accuracyOf(SUCCEEDED).source());
                assertEquals("index", counted.accuracyOf(FAILED).source());
                assertFalse(counted.estimated(), "nothing is the planner's any more");
                for (CanonicalState state : List.of(QUEUED, RUNNING, PAUSED)) {
                    assertEquals(CountAccuracy.Method.EXACT, counted.accuracyOf(state).method(), state + " counted now");
                }
                Instant countedAt = counted.accuracyOf(SUCCEEDED).countedAt();
                assertTrue(countedAt.isAfter(Instant.now().minusSeconds(30)), countedAt.toString());

                // A new failure and a new completion: the active count sees its changes at once, the background
                // counts keep their number and their time until they are due again.
                db.execute("INSERT INTO shithub.jobs (kind, state) VALUES ('repo.push', 'failed'), "
                        + "('repo.push', 'completed'), ('repo.push', 'queued')");
                Thread.sleep(1_100);
                QueueStatus later = reader.read(pools.monitor(), List.of(binding)).queues().getFirst();
                assertEquals(311, later.counts().get(QUEUED));
                assertEquals(285_000, later.counts().get(SUCCEEDED));
                assertEquals(countedAt, later.accuracyOf(SUCCEEDED).countedAt());
                assertTrue(later.accuracyOf(SUCCEEDED).age(Instant.now()).toMillis() >= 1_000);
                assertTrue(later.accuracyOf(SUCCEEDED).ageText(Instant.now()).matches("counted \\d+ s ago"),
                        later.accuracyOf(SUCCEEDED).ageText(Instant.now()));
            } finally {
                reader.close();
            }
        }
    }

    @Test
    void aBackgroundCountOverItsTimeoutLeavesTheLabelledEstimate() throws Exception {
        Binding binding = binding(pools());
        try (DatabasePools pools = pools()) {
            StatusReader reader = new StatusReader();
            reader.countInBackground(Duration.ofMillis(1));
            try {
                reader.read(pools.monitor(), List.of(binding));
                Thread.sleep(2_000); // the background counts have been cancelled by their 1 ms timeout meanwhile
                QueueStatus status = reader.read(pools.monitor(), List.of(binding)).queues().getFirst();
                assertEquals(CountAccuracy.Method.ESTIMATED, status.accuracyOf(SUCCEEDED).method());
                assertEquals("planner", status.accuracyOf(SUCCEEDED).source());
                assertNull(status.accuracyOf(SUCCEEDED).countedAt());
                assertTrue(status.estimated());
                assertEquals(310, status.counts().get(QUEUED), "the refresh itself is not affected");
            } finally {
                reader.close();
            }
        }
    }

    @Test
    void fewFailedRowsAreStillCountedWithEveryRefresh() throws Exception {
        TestDatabase few = TestDatabase.fresh();
        few.execute(SkeletonFixture.resource("/io/pitwall/demo/shithub.sql"));
        few.execute(ExactCountsTest.ROWS.replace("WHEN g % 20 = 0 THEN 'failed'", "WHEN g % 1000 = 0 THEN 'failed'"));
        try (DatabasePools pools = new DatabasePools(TargetResolver.fromSystem().resolve(few.url()))) {
            Binding binding;
            try (MonitorSession session = new MonitorSession(pools, new ProfileLoader().load(Path.of("/nonexistent")))) {
                binding = session.detection().forProfile("shithub").getFirst();
            }
            try (DatabasePools readerPools = new DatabasePools(TargetResolver.fromSystem().resolve(few.url()))) {
                StatusReader reader = new StatusReader();
                reader.countInBackground();
                try {
                    QueueStatus jobs = reader.read(readerPools.monitor(), List.of(binding)).queues().getFirst();
                    // 300 failed rows: below the 1,000 a refresh counts itself, so exact now, not in the background.
                    assertEquals(300, jobs.counts().get(FAILED));
                    assertEquals(CountAccuracy.Method.EXACT, jobs.accuracyOf(FAILED).method());
                    assertEquals("index", jobs.accuracyOf(FAILED).source());
                    few.execute("INSERT INTO shithub.jobs (kind, state) VALUES ('repo.push', 'failed')");
                    assertEquals(301, reader.read(readerPools.monitor(), List.of(binding)).queues().getFirst()
                            .counts().get(FAILED), "the next refresh sees the new failure");
                } finally {
                    reader.close();
                }
            }
        }
    }

    @Test
    void aCountIsTakenAgainNoSoonerThanItsFloorOrThreeHundredTimesItsCost() {
        BackgroundCounts.Job full = new BackgroundCounts.Job("t", "SELECT 1", "full count",
                BackgroundCounts.FULL_COUNT_FLOOR, false);
        assertEquals(Duration.ofMinutes(5), BackgroundCounts.period(full,
                new BackgroundCounts.Result(java.util.Map.of(), Instant.now(), Duration.ofMillis(300))));
        assertEquals(Duration.ofMinutes(20), BackgroundCounts.period(full,
                new BackgroundCounts.Result(java.util.Map.of(), Instant.now(), Duration.ofSeconds(4))));
    }
}
