package io.pitwall.runbook;

import io.pitwall.testing.TestSessions;

import io.pitwall.monitor.MonitorSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Actions against live workers, held row locks and a connection killed in the middle of a batch. */
class ActionConcurrencyTest {

    private ActionFixture f;
    private MonitorSession session;

    @BeforeEach
    void open() throws Exception {
        f = new ActionFixture("dsa110-absurd");
        session = TestSessions.builtIn(f.db.url());
    }

    @AfterEach
    void close() {
        session.close();
    }

    private void seed(int failed, int pending, int staleClaimed) {
        f.db.execute("INSERT INTO absurd.t_tasks (queue_name, task_name, status, error, completed_at) "
                + "SELECT 'dsa110-pipeline', 'imaging', 'failed', 'No calibrator registered for Dec', now() FROM generate_series(1, " + failed + ");"
                + "INSERT INTO absurd.t_tasks (queue_name, task_name, status) "
                + "SELECT 'dsa110-pipeline', 'imaging', 'pending' FROM generate_series(1, " + pending + ");"
                + "INSERT INTO absurd.t_tasks (queue_name, task_name, status, worker_id, claimed_at, last_heartbeat) "
                + "SELECT 'dsa110-pipeline', 'imaging', 'claimed', 'dead-' || g, now() - interval '2 hours', now() - interval '1 hour' "
                + "FROM generate_series(1, " + staleClaimed + ") g;");
    }

    private ActionRequest request(String action) {
        return new ActionRequest("dsa110-absurd", action, List.of(), null, null, false, Map.of(), "race test");
    }

    @Test
    void workersNeverLoseATaskAndNoLiveClaimIsTaken() throws Exception {
        seed(300, 300, 40);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger stolen = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String me = "worker-" + w;
            workers.add(pool.submit(() -> work(me, stop, stolen, finished)));
        }
        Runbook runbook = new Runbook(session, new ActionExecutor(50, Duration.ofMillis(500), Duration.ofSeconds(10)));
        int appliedRetry = 0;
        int appliedRequeue = 0;
        int skippedLocked = 0;
        for (int round = 0; round < 6; round++) {
            ActionResult retry = runbook.execute(runbook.preview(request("retry-failed")), ActionListener.NONE);
            ActionResult requeue = runbook.execute(runbook.preview(request("requeue-stuck")), ActionListener.NONE);
            appliedRetry += retry.applied();
            appliedRequeue += requeue.applied();
            skippedLocked += (int) retry.skipped().stream().filter(s -> s.reason().startsWith("locked")).count();
            Thread.sleep(50);
        }
        // Let the workers drain what is left, then stop them.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline
                && !"0".equals(f.value("SELECT count(*) FROM absurd.t_tasks WHERE status IN ('pending', 'claimed') AND worker_id IS DISTINCT FROM 'x'"))) {
            Thread.sleep(100);
        }
        stop.set(true);
        for (Future<?> worker : workers) {
            worker.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertEquals("640", f.value("SELECT count(*) FROM absurd.t_tasks"), "no task lost");
        assertEquals("0", f.value("SELECT count(*) FROM absurd.t_tasks WHERE status NOT IN ('completed', 'failed')"));
        assertEquals(0, stolen.get(), "a worker found its claimed task taken from under it");
        assertEquals(40, appliedRequeue, "exactly the dead workers' tasks were requeued");
        assertTrue(appliedRetry >= 300, "the initial failures were retried: " + appliedRetry);
        assertEquals("0", f.value("SELECT count(*) FROM pitwall.audit_log a, jsonb_array_elements(a.rows) r "
                + "WHERE a.action = 'requeue-stuck' AND (r->'before'->>'last_heartbeat')::timestamptz > a.at - interval '60 seconds'"),
                "requeue-stuck never touched a fresh heartbeat");
        assertEquals(String.valueOf(appliedRetry + appliedRequeue), f.value("SELECT sum(applied) FROM pitwall.audit_log"),
                "every applied row is in the audit");
        assertTrue(finished.get() > 0);
        System.err.println("race: retried " + appliedRetry + ", requeued " + appliedRequeue + ", skipped as locked "
                + skippedLocked + ", finished by workers " + finished.get());
    }

    /** A DSA-110 worker: claim with SKIP LOCKED, beat, then complete or fail while holding the row for a moment. */
    private void work(String me, AtomicBoolean stop, AtomicInteger stolen, AtomicInteger finished) {
        try (Connection c = f.db.dataSource().getConnection()) {
            while (!stop.get()) {
                String id = null;
                try (PreparedStatement claim = c.prepareStatement("""
                        UPDATE absurd.t_tasks SET status = 'claimed', worker_id = ?, claimed_at = now(), last_heartbeat = now()
                        WHERE task_id = (SELECT task_id FROM absurd.t_tasks WHERE status = 'pending'
                                         ORDER BY priority DESC, created_at FOR UPDATE SKIP LOCKED LIMIT 1)
                        RETURNING task_id::text""")) {
                    claim.setString(1, me);
                    try (ResultSet rs = claim.executeQuery()) {
                        if (rs.next()) {
                            id = rs.getString(1);
                        }
                    }
                }
                if (id == null) {
                    Thread.sleep(5);
                    continue;
                }
                c.setAutoCommit(false);
                try (PreparedStatement hold = c.prepareStatement("SELECT 1 FROM absurd.t_tasks WHERE task_id = ?::uuid FOR UPDATE")) {
                    hold.setString(1, id);
                    hold.executeQuery().close();
                }
                Thread.sleep(ThreadLocalRandom.current().nextInt(1, 4));
                boolean fail = ThreadLocalRandom.current().nextInt(10) == 0;
                try (PreparedStatement done = c.prepareStatement(fail
                        ? "UPDATE absurd.t_tasks SET status = 'failed', error = 'SEVERE', worker_id = NULL, claimed_at = NULL, completed_at = now() WHERE task_id = ?::uuid AND worker_id = ? AND status = 'claimed'"
                        : "UPDATE absurd.t_tasks SET status = 'completed', completed_at = now() WHERE task_id = ?::uuid AND worker_id = ? AND status = 'claimed'")) {
                    done.setString(1, id);
                    done.setString(2, me);
                    if (done.executeUpdate() != 1) {
                        stolen.incrementAndGet();
                    }
                }
                c.commit();
                c.setAutoCommit(true);
                finished.incrementAndGet();
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void cancellingBetweenBatchesKeepsWhatIsCommittedAndStops() throws Exception {
        seed(10, 0, 0);
        Runbook runbook = new Runbook(session, new ActionExecutor(3, Duration.ofSeconds(1), Duration.ofSeconds(10)));
        List<Integer> progress = new ArrayList<>();
        ActionResult result = runbook.execute(runbook.preview(request("retry-failed")), new ActionListener() {
            @Override
            public void batchDone(int rowsDone, int rowsTotal) {
                progress.add(rowsDone);
            }

            @Override
            public boolean cancelRequested() {
                return progress.size() == 2;
            }
        });
        assertTrue(result.cancelled());
        assertEquals(6, result.applied(), "two batches of three");
        assertEquals(List.of(3, 6), progress);
        assertEquals(2, result.auditIds().size());
        assertEquals("6", f.value("SELECT count(*) FROM absurd.t_tasks WHERE status = 'pending'"));
    }

    @Test
    void aRowAnotherTransactionHoldsIsSkippedWithTheReason() throws Exception {
        seed(5, 0, 0);
        String held = f.value("SELECT task_id FROM absurd.t_tasks ORDER BY task_id LIMIT 1");
        try (Connection holder = f.db.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT 1 FROM absurd.t_tasks WHERE task_id = '" + held + "' FOR UPDATE").close();
            }
            Runbook runbook = new Runbook(session);
            ActionResult result = runbook.execute(runbook.preview(request("retry-failed")), ActionListener.NONE);
            assertEquals(4, result.applied());
            assertEquals(List.of(new Skip(held, "locked by another transaction (a live worker or another operator holds it)")),
                    result.skipped());
            holder.rollback();
        }
        assertEquals("failed", f.value("SELECT status FROM absurd.t_tasks WHERE task_id = '" + held + "'"));
    }

    @Test
    void aConnectionKilledMidBatchLeavesNoPartialBatchAndAConsistentAudit() throws Exception {
        seed(5, 0, 0);
        Runbook runbook = new Runbook(session, new ActionExecutor(2, Duration.ofSeconds(1), Duration.ofSeconds(10)));
        List<ActionPreview> preview = runbook.preview(request("retry-failed"));
        AtomicInteger batches = new AtomicInteger();
        ActionListener killer = new ActionListener() {
            @Override
            public void beforeCommit(Connection connection) throws SQLException {
                if (batches.incrementAndGet() == 2) {
                    int pid;
                    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                        rs.next();
                        pid = rs.getInt(1);
                    }
                    f.value("SELECT pg_terminate_backend(" + pid + ")");
                }
            }
        };
        ActionFailed failed = assertThrows(ActionFailed.class, () -> runbook.execute(preview, killer));
        assertEquals(2, failed.committed().applied(), "batch 1 was committed before the kill");
        assertEquals("2", f.value("SELECT count(*) FROM absurd.t_tasks WHERE status = 'pending'"), "batch 2 left nothing behind");
        assertEquals("3", f.value("SELECT count(*) FROM absurd.t_tasks WHERE status = 'failed'"));
        assertEquals("1", f.value("SELECT count(*) FROM pitwall.audit_log"), "only the committed batch is audited");
        assertEquals("2", f.value("SELECT sum(applied) FROM pitwall.audit_log"));
        assertEquals("0", f.value("SELECT count(*) FROM pitwall.audit_log a, jsonb_array_elements(a.rows) r "
                + "JOIN absurd.t_tasks t ON t.task_id = (r->>'id')::uuid WHERE t.status <> 'pending'"),
                "every audited row is in its after state");
    }
}
