package io.pitwall.runbook;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.testing.TestSessions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, item 8: real Absurd locks a task's run rows before its task row (claim_task, complete_run, fail_run,
 * cancel_task in earendil-works/absurd's absurd.sql, as the demo schema absurd.sql writes them). Pitwall used to lock
 * the task rows first and then call cancel_task, and deadlocked against a worker holding a run and waiting for its
 * task. The profile's {@code locks} now take the live runs first; workers here call the real procedures throughout.
 */
class AbsurdLockOrderRaceTest {

    private static final String QUEUE = "default";

    @Test
    void cancellingWhileWorkersClaimAndCompleteNeverDeadlocks() throws Exception {
        ActionFixture f = new ActionFixture("absurd");
        f.db.execute("SELECT absurd.create_queue('" + QUEUE + "')");
        f.db.execute("SELECT absurd.spawn_task('" + QUEUE + "', 'step', '{}'::jsonb) FROM generate_series(1, 300)");
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> workerFailures = new ConcurrentLinkedQueue<>();
        AtomicInteger completed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            String me = "worker:" + w;
            threads.add(Thread.ofPlatform().start(() -> work(f, me, stop, completed, workerFailures)));
        }
        threads.add(Thread.ofPlatform().start(() -> spawn(f, stop, workerFailures)));
        int cancelled = 0;
        List<Skip> deadlocks = new ArrayList<>();
        try (MonitorSession session = TestSessions.builtIn(f.db.url())) {
            Runbook runbook = new Runbook(session);
            long until = System.nanoTime() + 8_000_000_000L;
            while (System.nanoTime() < until) {
                ActionResult result = runbook.execute(runbook.preview(new ActionRequest("absurd", "cancel", List.of(), null,
                        null, false, Map.of(), "lock order race", true)), ActionListener.NONE);
                cancelled += result.applied();
                result.skipped().stream().filter(s -> s.reason().contains("40P01")).forEach(deadlocks::add);
            }
        } finally {
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        }
        assertTrue(cancelled > 0, "the action ran");
        assertTrue(completed.get() > 0, "the workers ran");
        assertEquals(List.of(), deadlocks, "Pitwall never lost a deadlock");
        assertEquals(List.of(), List.copyOf(workerFailures), "no worker lost a deadlock or failed otherwise");
        assertEquals("0", f.value("SELECT count(*) FROM absurd.t_default t WHERE t.state = 'cancelled' AND EXISTS "
                + "(SELECT 1 FROM absurd.r_default r WHERE r.task_id = t.task_id AND r.state IN ('pending', 'running', 'sleeping'))"),
                "cancel_task took every live run with its task");
    }

    /** A worker as Absurd's SDK runs one: claim_task, then complete_run; a cancelled task raises AB001/AB002. */
    private static void work(ActionFixture f, String me, AtomicBoolean stop, AtomicInteger completed,
                             ConcurrentLinkedQueue<String> failures) {
        try (Connection c = f.db.dataSource().getConnection()) {
            while (!stop.get()) {
                String run = null;
                try (PreparedStatement claim = c.prepareStatement("SELECT run_id FROM absurd.claim_task(?, ?, 30, 1)")) {
                    claim.setString(1, QUEUE);
                    claim.setString(2, me);
                    try (ResultSet rs = claim.executeQuery()) {
                        if (rs.next()) {
                            run = rs.getString(1);
                        }
                    }
                    if (run == null) {
                        Thread.sleep(5);
                        continue;
                    }
                    try (PreparedStatement done = c.prepareStatement("SELECT absurd.complete_run(?, CAST(? AS uuid), '{}')")) {
                        done.setString(1, QUEUE);
                        done.setString(2, run);
                        done.execute();
                        completed.incrementAndGet();
                    }
                } catch (SQLException e) {
                    // Absurd tells a worker whose task was cancelled under it: AB001 cancelled, AB002 no longer running.
                    if (!"AB001".equals(e.getSQLState()) && !"AB002".equals(e.getSQLState())) {
                        failures.add(me + ": " + e.getSQLState() + " " + e.getMessage());
                    }
                }
            }
        } catch (SQLException | InterruptedException e) {
            failures.add(me + ": " + e);
        }
    }

    private static void spawn(ActionFixture f, AtomicBoolean stop, ConcurrentLinkedQueue<String> failures) {
        try (Connection c = f.db.dataSource().getConnection(); Statement s = c.createStatement()) {
            while (!stop.get()) {
                s.execute("SELECT absurd.spawn_task('" + QUEUE + "', 'step', '{}'::jsonb) FROM generate_series(1, 20)");
                Thread.sleep(20);
            }
        } catch (SQLException | InterruptedException e) {
            failures.add("spawner: " + e);
        }
    }
}
