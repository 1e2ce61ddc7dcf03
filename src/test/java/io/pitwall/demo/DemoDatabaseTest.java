package io.pitwall.demo;

import io.pitwall.testing.TestSessions;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.StateCounts;
import io.pitwall.queue.StatusSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo a new user sees: every system present, with trouble to look at, and counts that move. */
class DemoDatabaseTest {

    private static DemoDatabase demo;
    private static MonitorSession session;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoDatabase.start(0, 7);
        demo.startWorkers();
        session = TestSessions.builtIn(demo.url());
    }

    @AfterAll
    static void stop() {
        session.close();
        demo.close();
    }

    @Test
    void everyDemoSystemIsDetectedByItsProfile() throws Exception {
        List<String> detected = session.detection().bindings().stream().map(b -> b.profile().id()).toList();
        for (DemoSystem system : DemoDatabase.allSystems()) {
            assertTrue(detected.contains(system.profileId()), system.profileId() + " in " + detected);
        }
    }

    @Test
    void theDemoHasEveryIndexTheProfilesCountsNeed() throws Exception {
        assertEquals(List.of(), session.missingIndexes(null));
    }

    @Test
    void countsThroughTheIndexesAgreeWithAFullCount() throws Exception {
        var bindings = session.detection().bindings();
        demo.stopWorkers();
        try {
            // With the workers stopped only time moves: a job whose run_at comes due between two reads moves from
            // SCHEDULED to QUEUED. So the full count must lie between an indexed count before and one after it.
            StatusSnapshot before = new io.pitwall.monitor.StatusReader(0).read(session.pools().monitor(), bindings);
            StatusSnapshot full = new io.pitwall.monitor.StatusReader().read(session.pools().monitor(), bindings);
            StatusSnapshot indexed = new io.pitwall.monitor.StatusReader(0).read(session.pools().monitor(), bindings);
            for (int i = 0; i < bindings.size(); i++) {
                QueueStatus byIndex = indexed.queues().get(i);
                for (CanonicalState state : CanonicalState.values()) {
                    if (byIndex.accuracyOf(state).exact()) {
                        long a = before.queues().get(i).counts().get(state);
                        long b = byIndex.counts().get(state);
                        long counted = full.queues().get(i).counts().get(state);
                        assertTrue(counted >= Math.min(a, b) && counted <= Math.max(a, b),
                                byIndex.profileId() + " " + byIndex.where() + " " + state + ": full count " + counted
                                        + ", indexed " + a + " then " + b);
                    }
                }
                assertTrue(byIndex.accuracyOf(CanonicalState.QUEUED).exact() || byIndex.counts().get(CanonicalState.QUEUED) == 0
                        && bindings.get(i).profile().rawStates(CanonicalState.QUEUED).isEmpty(),
                        byIndex.profileId() + ": queued counted from an index");
            }
        } finally {
            demo.startWorkers();
        }
    }

    @Test
    void simulatedWorkersMoveTheCounts() throws Exception {
        Map<String, String> first = fingerprint(session.status(null));
        Thread.sleep(4_000);
        Map<String, String> second = fingerprint(session.status(null));
        assertEquals(first.keySet(), second.keySet());
        for (String profile : first.keySet()) {
            assertNotEquals(first.get(profile), second.get(profile), profile + " did not move in 4 s");
        }
    }

    @Test
    void everySystemHasFailuresAndWorkInFlight() throws Exception {
        for (Map.Entry<String, StateCounts> profile : byProfile(session.status(null)).entrySet()) {
            assertTrue(profile.getValue().get(CanonicalState.FAILED) > 0, profile.getKey() + " has failures");
            long inFlight = profile.getValue().get(CanonicalState.RUNNING) + profile.getValue().get(CanonicalState.QUEUED);
            assertTrue(inFlight > 0, profile.getKey() + " has work queued or running");
        }
    }

    /** A system's queues added up: one quiet queue (real Absurd's reports) may sit still for a while. */
    private static Map<String, StateCounts> byProfile(StatusSnapshot snapshot) {
        return snapshot.queues().stream().collect(Collectors.toMap(QueueStatus::profileId, QueueStatus::counts,
                StateCounts::plus));
    }

    private static Map<String, String> fingerprint(StatusSnapshot snapshot) {
        return byProfile(snapshot).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().values().toString()));
    }
}
