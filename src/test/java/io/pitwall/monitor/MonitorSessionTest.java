package io.pitwall.monitor;

import io.pitwall.testing.TestSessions;

import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.TargetResolver;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.KindCounts;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.StatusSnapshot;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.pitwall.queue.CanonicalState.CANCELLED;
import static io.pitwall.queue.CanonicalState.FAILED;
import static io.pitwall.queue.CanonicalState.PAUSED;
import static io.pitwall.queue.CanonicalState.QUEUED;
import static io.pitwall.queue.CanonicalState.RUNNING;
import static io.pitwall.queue.CanonicalState.SUCCEEDED;
import static io.pitwall.queue.CanonicalState.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Detection and status counts end to end on a real PostgreSQL. */
class MonitorSessionTest {

    private static TestDatabase db;
    private static MonitorSession session;

    @BeforeAll
    static void open() throws Exception {
        db = SkeletonFixture.create();
        session = TestSessions.builtIn(db.url());
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void detectsTheSkeletonProfilesWhereTheyLive() throws Exception {
        List<String> found = session.detection().bindings().stream().map(b -> b.profile().id() + "@" + b.where()).toList();
        assertTrue(found.contains("shithub@shithub.jobs"), found::toString);
        assertTrue(found.contains("dsa110-absurd@absurd.t_tasks"), found::toString);
        assertTrue(found.contains("cloudgov-broker@public.operation"), found::toString);
    }

    @Test
    void countsMapRawStatesOntoCanonicalOnes() throws Exception {
        QueueStatus shithub = queue(session.status("shithub"), "shithub");
        assertEquals(3, shithub.counts().get(QUEUED));
        assertEquals(2, shithub.counts().get(RUNNING));
        assertEquals(1, shithub.counts().get(PAUSED));
        assertEquals(4, shithub.counts().get(SUCCEEDED));
        assertEquals(1, shithub.counts().get(FAILED));
        assertEquals(1, shithub.counts().get(UNKNOWN), "an unmapped raw state shows as UNKNOWN, never hidden");
        assertEquals(1L, shithub.rawCounts().get("exploded"));
        assertFalse(shithub.estimated());

        KindCounts reindex = shithub.kinds().stream().filter(k -> k.kind().equals("search.reindex")).findFirst().orElseThrow();
        assertEquals(1, reindex.counts().get(QUEUED));
        assertEquals(1, reindex.counts().get(PAUSED));
        assertEquals(2, reindex.counts().get(SUCCEEDED));

        QueueStatus dsa = queue(session.status("dsa110-absurd"), "dsa110-absurd");
        assertEquals(2, dsa.counts().get(QUEUED));
        assertEquals(1, dsa.counts().get(RUNNING));
        assertEquals(3, dsa.counts().get(SUCCEEDED));
        assertEquals(1, dsa.counts().get(FAILED));
        assertEquals(1, dsa.counts().get(CANCELLED));
    }

    @Test
    void cloudgovCancelIsATimestampNotAState() throws Exception {
        QueueStatus broker = queue(session.status("cloudgov-broker"), "cloudgov-broker");
        assertEquals(1, broker.counts().get(RUNNING));
        assertEquals(1, broker.counts().get(CANCELLED), "in progress with canceled_at set is cancelled");
        assertEquals(1, broker.counts().get(SUCCEEDED));
        assertEquals(1, broker.counts().get(FAILED));
    }

    @Test
    void countsFollowTheDatabase() throws Exception {
        long before = queue(session.status("shithub"), "shithub").counts().get(CanonicalState.QUEUED);
        db.execute("INSERT INTO shithub.jobs (kind, state) VALUES ('repo.push', 'queued')");
        long after = queue(session.status("shithub"), "shithub").counts().get(CanonicalState.QUEUED);
        db.execute("DELETE FROM shithub.jobs WHERE id = (SELECT max(id) FROM shithub.jobs)");
        assertEquals(before + 1, after);
    }

    private static QueueStatus queue(StatusSnapshot snapshot, String profileId) {
        return snapshot.queues().stream().filter(q -> q.profileId().equals(profileId)).findFirst().orElseThrow();
    }

}
