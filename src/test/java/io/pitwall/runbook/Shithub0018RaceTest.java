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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * shithub's ClaimJob workers (which never check ownership when they finish) against pause, resume and force
 * re-lease: a live worker's lock is never taken, and every job ends completed exactly once.
 */
class Shithub0018RaceTest {

    private ActionFixture f;
    private MonitorSession session;

    @BeforeEach
    void open() throws Exception {
        f = new ActionFixture("shithub-0018");
        session = TestSessions.builtIn(f.db.url());
        f.db.execute("""
                INSERT INTO shithub0018.jobs (kind, run_at) SELECT CASE WHEN g % 2 = 0 THEN 'repo:index_code' ELSE 'push:process' END,
                    now() - interval '1 second' FROM generate_series(1, 3000) g;
                INSERT INTO shithub0018.jobs (kind, locked_by, locked_at, attempts)
                    SELECT 'push:process', 'dead:' || g, now() - interval '30 minutes', 1 FROM generate_series(1, 30) g;
                """);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void actionsAndWorkersNeverShareAJob() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger stolen = new AtomicInteger();
        AtomicInteger reclaimed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w += 2) {
            String me = "web" + w + ":1";
            workers.add(pool.submit(() -> work(me, "repo:index_code", stop, stolen, reclaimed)));
        }
        Runbook runbook = new Runbook(session, new ActionExecutor(40, Duration.ofMillis(500), Duration.ofSeconds(10)));
        int released = 0;
        for (int round = 0; round < 4; round++) {
            var preview = runbook.preview(request("force-release", null));
            if (round == 0) {
                // The dead workers' kind gets live workers once the first preview is taken: they race its execution and
                // every later round. shithub's own ClaimJob also reclaims a lock older than 5 minutes, so a dead lock a
                // worker reaches first is reclaimed by it, and the action must skip it as moved, not release it.
                for (int w = 1; w < 4; w += 2) {
                    String me = "web" + w + ":1";
                    workers.add(pool.submit(() -> work(me, "push:process", stop, stolen, reclaimed)));
                }
            }
            released += runbook.execute(preview, ActionListener.NONE).applied();
            runbook.execute(runbook.preview(request("pause-kind", "repo:index_code")), ActionListener.NONE);
            Thread.sleep(30);
            runbook.execute(runbook.preview(request("resume-kind", "repo:index_code")), ActionListener.NONE);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline
                && !"0".equals(f.value("SELECT count(*) FROM shithub0018.jobs WHERE completed_at IS NULL"))) {
            Thread.sleep(100);
        }
        stop.set(true);
        for (Future<?> worker : workers) {
            worker.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals("3030", f.value("SELECT count(*) FROM shithub0018.jobs"), "no job lost");
        assertEquals("0", f.value("SELECT count(*) FROM shithub0018.jobs WHERE completed_at IS NULL"), "every job ran to the end");
        assertEquals(0, stolen.get(), "a worker's lock was taken from under it");
        assertEquals(30, released + reclaimed.get(), "each dead worker's lock released once, by the action or by ClaimJob");
        assertTrue(released > 0, "the action released the dead locks it reached first");
        assertEquals("0", f.value("SELECT count(*) FROM pitwall.audit_log a, jsonb_array_elements(a.rows) r WHERE a.action = 'force-release' "
                + "AND (r->'before'->>'locked_at')::timestamptz > a.at - interval '5 minutes'"), "never a fresh lock");
        assertTrue(Long.parseLong(f.value("SELECT count(*) FROM pitwall.audit_log WHERE action = 'pause-kind'")) > 0);
    }

    private ActionRequest request(String action, String kind) {
        return new ActionRequest("shithub-0018", action, List.of(), kind, null, false, Map.of(), "race test", true);
    }

    private void work(String me, String kind, AtomicBoolean stop, AtomicInteger stolen, AtomicInteger reclaimed) {
        try (Connection c = f.db.dataSource().getConnection()) {
            while (!stop.get()) {
                Long id = null;
                try (PreparedStatement claim = c.prepareStatement("""
                        WITH next AS (SELECT id, locked_by FROM shithub0018.jobs WHERE kind = ? AND completed_at IS NULL
                                    AND failed_at IS NULL AND run_at <= now()
                                    AND (locked_at IS NULL OR locked_at < now() - interval '5 minutes')
                                    ORDER BY run_at, id FOR UPDATE SKIP LOCKED LIMIT 1)
                        UPDATE shithub0018.jobs j SET locked_by = ?, locked_at = now(), attempts = attempts + 1
                        FROM next WHERE j.id = next.id RETURNING j.id, next.locked_by""")) {
                    claim.setString(1, kind);
                    claim.setString(2, me);
                    try (ResultSet rs = claim.executeQuery()) {
                        if (rs.next()) {
                            id = rs.getLong(1);
                            if (rs.getString(2) != null && rs.getString(2).startsWith("dead:")) {
                                reclaimed.incrementAndGet();
                            }
                        }
                    }
                }
                if (id == null) {
                    Thread.sleep(5);
                    continue;
                }
                Thread.sleep(ThreadLocalRandom.current().nextInt(0, 3));
                try (PreparedStatement done = c.prepareStatement(
                        "UPDATE shithub0018.jobs SET completed_at = now(), locked_by = NULL, locked_at = NULL WHERE id = ? AND locked_by = ?")) {
                    done.setLong(1, id);
                    done.setString(2, me);
                    if (done.executeUpdate() != 1) {
                        stolen.incrementAndGet();
                    }
                }
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
