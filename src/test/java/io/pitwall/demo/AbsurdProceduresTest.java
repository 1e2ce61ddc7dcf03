package io.pitwall.demo;

import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's Absurd stored procedures behave as schemas.md §2b documents Absurd's. */
class AbsurdProceduresTest {

    private TestDatabase db;

    @BeforeEach
    void createQueue() throws SQLException {
        db = TestDatabase.fresh();
        try (Connection connection = db.dataSource().getConnection()) {
            Jdbc.script(connection, "/io/pitwall/demo/absurd.sql");
            Jdbc.call(connection, "SELECT absurd.create_queue('dsa110-pipeline')");
        }
    }

    private String query(String sql, Object... params) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private UUID spawn(String options) throws SQLException {
        return UUID.fromString(query("SELECT task_id FROM absurd.spawn_task('dsa110-pipeline', 'imaging', "
                + "'{\"mosaic_id\": 1}', ?::jsonb)", options));
    }

    private UUID claim(String worker) throws SQLException {
        String run = query("SELECT run_id FROM absurd.claim_task('dsa110-pipeline', ?, 30, 1)", worker);
        return run == null ? null : UUID.fromString(run);
    }

    private String taskState(UUID task) throws SQLException {
        return query("SELECT state FROM absurd.\"t_dsa110-pipeline\" WHERE task_id = ?", task);
    }

    @Test
    void spawnClaimCompleteMovesTaskAndRunTogether() throws SQLException {
        UUID task = spawn("{}");
        assertEquals("pending", taskState(task));
        UUID run = claim("host:1");
        assertEquals("running", taskState(task));
        assertEquals("host:1", query("SELECT claimed_by FROM absurd.\"r_dsa110-pipeline\" WHERE run_id = ?", run));
        query("SELECT absurd.complete_run('dsa110-pipeline', ?, '{\"ok\": true}')", run);
        assertEquals("completed", taskState(task));
        assertEquals("{\"ok\": true}", query("SELECT completed_payload::text FROM absurd.\"t_dsa110-pipeline\" "
                + "WHERE task_id = ?", task));
        assertNull(claim("host:1"), "nothing left to claim");
    }

    @Test
    void failRetriesInANewRunUntilAttemptsRunOut() throws SQLException {
        UUID task = spawn("{\"max_attempts\": 2, \"retry_strategy\": {\"kind\": \"fixed\", \"base_seconds\": 0}}");
        query("SELECT absurd.fail_run('dsa110-pipeline', ?, '{\"message\": \"No space left on device\"}')", claim("h:1"));
        assertEquals("pending", taskState(task));
        assertEquals("2", query("SELECT attempts FROM absurd.\"t_dsa110-pipeline\" WHERE task_id = ?", task));
        query("SELECT absurd.fail_run('dsa110-pipeline', ?, '{\"message\": \"again\"}')", claim("h:1"));
        assertEquals("failed", taskState(task));
        assertEquals("2", query("SELECT count(*) FROM absurd.\"r_dsa110-pipeline\" WHERE task_id = ? AND state = 'failed'", task));
    }

    @Test
    void anExpiredLeaseIsSweptOnlyByTheNextClaimOnThatQueue() throws SQLException {
        UUID task = spawn("{\"retry_strategy\": {\"kind\": \"fixed\", \"base_seconds\": 0}}");
        UUID run = claim("dead:1");
        db.execute("UPDATE absurd.\"r_dsa110-pipeline\" SET claim_expires_at = now() - interval '1 minute'");
        assertEquals("running", query("SELECT state FROM absurd.\"r_dsa110-pipeline\" WHERE run_id = ?", run),
                "expiry is lazy: nothing changes until a worker claims");
        UUID next = claim("live:2");
        assertEquals("failed", query("SELECT state FROM absurd.\"r_dsa110-pipeline\" WHERE run_id = ?", run));
        assertEquals("$ClaimTimeout", query("SELECT failure_reason->>'name' FROM absurd.\"r_dsa110-pipeline\" "
                + "WHERE run_id = ?", run));
        assertEquals("2", query("SELECT attempt FROM absurd.\"r_dsa110-pipeline\" WHERE run_id = ?", next));
        assertEquals("running", taskState(task));
    }

    @Test
    void cancelStopsTheTaskAndAStaleWorkerGetsAB001() throws SQLException {
        UUID task = spawn("{}");
        UUID run = claim("h:1");
        assertEquals("t", query("SELECT absurd.cancel_task('dsa110-pipeline', ?)", task));
        assertEquals("cancelled", taskState(task));
        assertEquals("cancelled", query("SELECT state FROM absurd.\"r_dsa110-pipeline\" WHERE run_id = ?", run));
        SQLException stale = assertThrows(SQLException.class,
                () -> query("SELECT absurd.complete_run('dsa110-pipeline', ?, NULL)", run));
        assertEquals("AB001", stale.getSQLState());
        assertEquals("f", query("SELECT absurd.cancel_task('dsa110-pipeline', ?)", task), "a finished task is left alone");
    }

    @Test
    void retryOnlyAcceptsFailedTasksAndAddsARunInPlace() throws SQLException {
        UUID task = spawn("{\"max_attempts\": 1}");
        UUID run = claim("h:1");
        assertThrows(SQLException.class, () -> query("SELECT * FROM absurd.retry_task('dsa110-pipeline', ?)", task));
        query("SELECT absurd.fail_run('dsa110-pipeline', ?, '{\"message\": \"boom\"}')", run);
        assertEquals("failed", taskState(task));
        String retried = query("SELECT task_id FROM absurd.retry_task('dsa110-pipeline', ?)", task);
        assertEquals(task.toString(), retried);
        assertEquals("pending", taskState(task));
        assertEquals("2", query("SELECT max_attempts FROM absurd.\"t_dsa110-pipeline\" WHERE task_id = ?", task));
        UUID again = claim("h:2");
        assertEquals("2", query("SELECT attempt FROM absurd.\"r_dsa110-pipeline\" WHERE run_id = ?", again));
        String fresh = query("SELECT task_id FROM absurd.retry_task('dsa110-pipeline', ?, '{\"spawn_new\": true}')",
                spawnFailed());
        assertFalse(fresh.isEmpty());
        assertTrue(query("SELECT state FROM absurd.\"t_dsa110-pipeline\" WHERE task_id = ?::uuid", fresh).equals("pending"));
    }

    private UUID spawnFailed() throws SQLException {
        UUID task = spawn("{\"max_attempts\": 1}");
        db.execute("UPDATE absurd.\"t_dsa110-pipeline\" SET state = 'failed' WHERE task_id = '" + task + "'");
        return task;
    }

    @Test
    void awaitSleepsUntilTheEventIsEmittedAndFirstWriteWins() throws SQLException {
        UUID task = spawn("{}");
        UUID run = claim("h:1");
        assertNull(query("SELECT absurd.await_event('dsa110-pipeline', ?, ?, 'cal', 'calibrator:45', NULL)", task, run));
        assertEquals("sleeping", taskState(task));
        assertNull(claim("h:1"), "a run waiting forever is not due");
        assertEquals("t", query("SELECT absurd.emit_event('dsa110-pipeline', 'calibrator:45', '{\"name\": \"3C286\"}')"));
        assertEquals("f", query("SELECT absurd.emit_event('dsa110-pipeline', 'calibrator:45', '{\"name\": \"other\"}')"));
        assertEquals("pending", taskState(task));
        assertEquals("3C286", query("SELECT state->>'name' FROM absurd.\"c_dsa110-pipeline\" WHERE task_id = ?", task));
        assertEquals(run.toString(), query("SELECT run_id FROM absurd.claim_task('dsa110-pipeline', 'h:2')"));
    }
}
