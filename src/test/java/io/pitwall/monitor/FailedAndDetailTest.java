package io.pitwall.monitor;

import io.pitwall.profile.Binding;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.ErrorGroup;
import io.pitwall.queue.FailedTask;
import io.pitwall.queue.TaskDetail;
import io.pitwall.queue.TaskFilter;
import io.pitwall.queue.TaskPage;
import io.pitwall.queue.WorkerSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failed pages (keyset), filters, grouping by fingerprint, one task's detail and the workers, on a real PostgreSQL. */
class FailedAndDetailTest {

    private static Fixture shithub;
    private static Binding binding;
    private final FailedReader failed = new FailedReader();

    @BeforeAll
    static void fixture() throws Exception {
        shithub = Fixture.of("shithub");
        // 137 disk-full failures with different repo paths, 3 timeouts, 2 running leases, 5 completed.
        shithub.db.execute("""
                INSERT INTO shithub.jobs (kind, state, last_error, attempts, updated_at)
                SELECT CASE WHEN i % 2 = 0 THEN 'repo.push' ELSE 'repo.archive' END, 'failed',
                       'open /data/repos/' || i || '.git/objects/pack: No space left on device', 3,
                       now() - make_interval(mins => i)
                  FROM generate_series(1, 137) i;
                INSERT INTO shithub.jobs (kind, state, last_error, attempts, updated_at)
                SELECT 'search.reindex', 'failed', 'pq: canceling statement due to statement timeout (after 30000 ms)', 1,
                       now() - make_interval(hours => i)
                  FROM generate_series(1, 3) i;
                INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at, payload, attempts, updated_at) VALUES
                  (9001, 'repo.push', 'processing', 'worker-a:4242', now() - interval '10 minutes', '{"repo_id": 7, "ref": "refs/heads/main"}', 1, now() - interval '10 minutes'),
                  (9002, 'repo.push', 'processing', 'worker-a:4242', now() - interval '1 minute', '{}', 1, now() - interval '1 minute'),
                  (9003, 'notify.fanout', 'processing', 'worker-b:77', now() - interval '20 seconds', '{}', 1, now());
                INSERT INTO shithub.jobs (kind, state) SELECT 'repo.push', 'completed' FROM generate_series(1, 5);
                """);
        binding = shithub.binding();
    }

    @Test
    void keysetPagesCoverEveryFailureOnceNewestFirst() throws Exception {
        List<FailedTask> all = new ArrayList<>();
        TaskPage.Cursor after = null;
        int pages = 0;
        do {
            TaskPage<FailedTask> page = failed.page(shithub.db.dataSource(), binding, TaskFilter.NONE, after, 50);
            all.addAll(page.rows());
            after = page.next();
            pages++;
        } while (after != null);
        assertEquals(3, pages);
        assertEquals(140, all.size());
        assertEquals(140, all.stream().map(FailedTask::id).distinct().count());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(!all.get(i).at().isAfter(all.get(i - 1).at()), "newest first");
        }
    }

    @Test
    void filtersAreAppliedByTheDatabase() throws Exception {
        var byText = failed.page(shithub.db.dataSource(), binding, new TaskFilter(null, "STATEMENT TIMEOUT", null, null), null, 500);
        assertEquals(3, byText.rows().size());
        var byKind = failed.page(shithub.db.dataSource(), binding, new TaskFilter("repo.push", null, null, null), null, 500);
        assertEquals(68, byKind.rows().size());
        var recent = failed.page(shithub.db.dataSource(), binding, new TaskFilter(null, null, null, Duration.ofMinutes(30)), null, 500);
        assertEquals(29, recent.rows().size(), "failures 1..29 minutes ago (30 is on the edge)");
        var old = failed.page(shithub.db.dataSource(), binding, new TaskFilter(null, null, Duration.ofMinutes(90), null), null, 500);
        assertEquals(137 - 89 + 2, old.rows().size(), "disk failures 90..137 min ago and timeouts 2 and 3 h ago");
        var wildcard = failed.page(shithub.db.dataSource(), binding, new TaskFilter(null, "%", null, null), null, 500);
        assertEquals(0, wildcard.rows().size(), "% is a character, not a wildcard");
    }

    @Test
    void groupsByFingerprintLargestFirst() throws Exception {
        FailedReader.Grouped grouped = failed.groups(shithub.db.dataSource(), binding, TaskFilter.NONE);
        assertEquals(2, grouped.groups().size());
        ErrorGroup disk = grouped.groups().getFirst();
        assertEquals(137, disk.count());
        assertEquals("open <path>: No space left on device", disk.fingerprint());
        assertEquals(List.of("repo.archive", "repo.push"), disk.kinds());
        assertEquals(137, disk.ids().size());
        assertTrue(disk.firstSeen().isBefore(disk.lastSeen()));
        assertTrue(disk.sample().startsWith("open /data/repos/1.git"), disk.sample());
        assertEquals(3, grouped.groups().get(1).count());
        assertEquals(140, grouped.scanned());
    }

    @Test
    void detailHasEverythingKnown() throws Exception {
        TaskDetail task = new TaskDetailReader().read(shithub.db.dataSource(), binding, "9001").orElseThrow();
        assertEquals(CanonicalState.RUNNING, task.state());
        assertEquals("processing", task.rawState());
        assertEquals("worker-a:4242", task.owner());
        assertEquals(1, task.attempts());
        assertEquals("7", task.pipelineKey());
        assertTrue(task.payload().contains("\"repo_id\" : 7"), task.payload());
        assertTrue(task.payload().contains("\n"), "pretty JSON");
        assertNotNull(task.timestamps().get("claimed"));
        assertNotNull(task.timestamps().get("created"));
        assertTrue(task.row().contains("\"leased_by\" : \"worker-a:4242\""), task.row());
        assertTrue(new TaskDetailReader().read(shithub.db.dataSource(), binding, "424242").isEmpty());
        assertTrue(new TaskDetailReader().read(shithub.db.dataSource(), binding, "not-a-number").isEmpty());
        assertNull(task.error());
    }

    @Test
    void workersListWhatEachHolds() throws Exception {
        List<WorkerSummary> workers = new WorkersReader().read(shithub.db.dataSource(), List.of(binding));
        assertEquals(2, workers.size());
        WorkerSummary a = workers.stream().filter(w -> w.worker().equals("worker-a:4242")).findFirst().orElseThrow();
        assertEquals(2, a.holding());
        assertEquals(List.of("repo.push"), a.kinds());
        assertEquals(List.of("9001", "9002"), a.taskIds(), "oldest sign of life first");
        assertEquals("worker-a:4242", workers.getFirst().worker(), "the quietest worker first");
    }
}
