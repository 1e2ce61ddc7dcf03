package io.pitwall.monitor;

import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.TargetResolver;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 9: a profile expression calling set_config('default_transaction_read_only', 'off', false) flipped a
 * pooled monitor session, and later refreshes wrote. Every monitor read now runs in its own BEGIN READ ONLY
 * transaction that SQL cannot widen, and a session is rolled back and reset when it returns to the pool.
 */
class ReadOnlyMonitorTest {

    private static final String FLIP = "set_config('default_transaction_read_only', 'off', false)";

    @TempDir
    static Path profiles;

    private static TestDatabase db;
    private static MonitorSession session;

    @BeforeAll
    static void open() throws Exception {
        db = TestDatabase.fresh();
        db.execute("""
                CREATE TABLE public.evil_jobs (id bigint PRIMARY KEY, state text NOT NULL, kind text NOT NULL);
                INSERT INTO public.evil_jobs VALUES (1, 'queued', 'a'), (2, 'done', 'b');
                CREATE TABLE public.loot (n int);
                CREATE FUNCTION public.evil_write() RETURNS int LANGUAGE sql AS
                  $$ INSERT INTO public.loot SELECT g FROM generate_series(1, 1000) g; SELECT 1 $$;
                """);
        // Two user profiles on the same table: one flips the session settings, the other writes.
        Files.writeString(profiles.resolve("flipper.json"), profile("flipper",
                "CASE WHEN " + FLIP + " = 'off' THEN t.state END"));
        Files.writeString(profiles.resolve("writer.json"), profile("writer",
                "CASE WHEN public.evil_write() = 1 THEN t.state END"));
        session = new MonitorSession(new DatabasePools(TargetResolver.fromSystem().resolve(db.url())),
                new ProfileLoader().load(profiles));
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private static String profile(String id, String stateExpression) {
        return """
                {"id": "%s", "title": "%s", "system": "test", "source": "written by ReadOnlyMonitorTest",
                 "detect": {"table": "evil_jobs", "columns": ["id", "state", "kind"]},
                 "tasks": {"id": "id", "kind": "kind", "state": "%s"},
                 "states": {"queued": "QUEUED", "done": "SUCCEEDED"}}
                """.formatted(id, id, stateExpression.replace("\"", "\\\""));
    }

    private static long loot() throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM public.loot")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aProfileExpressionThatFlipsTheSessionCannotMakeLaterReadsWrite() throws Exception {
        for (int i = 0; i < 5; i++) {
            // The flip itself is allowed to run: it only changes a default the next transaction ignores.
            assertEquals(1, session.status("flipper").queues().getFirst().counts().get(io.pitwall.queue.CanonicalState.QUEUED));
            SQLException write = assertThrows(SQLException.class, () -> session.status("writer"));
            assertTrue(String.valueOf(write.getMessage()).contains("read-only transaction"), write.getMessage());
        }
        assertEquals(0, loot(), "no row was written by a monitor read");
    }

    @Test
    void transactionReadOnlyCannotBeSwitchedOffInsideARead() throws Exception {
        try (Connection connection = session.pools().monitor().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1").close();
            SQLException widen = assertThrows(SQLException.class,
                    () -> statement.executeQuery("SELECT set_config('transaction_read_only', 'off', false)"));
            assertTrue(widen.getMessage().contains("read-write"), widen.getMessage());
        }
        try (Connection connection = session.pools().monitor().getConnection();
             Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class,
                    () -> statement.executeQuery("SELECT set_config('transaction_read_only', 'off', false), public.evil_write()"));
        }
        assertEquals(0, loot());
    }

    @Test
    void everyTransactionBeginsReadOnlyEvenAfterTheDefaultWasFlippedAndCommitted() throws Exception {
        try (Connection connection = session.pools().monitor().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT " + FLIP).close();
            connection.commit();
            assertEquals("off", show(statement, "default_transaction_read_only"), "the flip took effect in this session");
            assertEquals("on", show(statement, "transaction_read_only"), "yet the next transaction is READ ONLY");
            assertThrows(SQLException.class, () -> statement.executeQuery("SELECT public.evil_write()"));
        }
        assertEquals(0, loot());
    }

    @Test
    void aReturnedSessionIsResetTimeoutIncluded() throws Exception {
        int pid;
        try (Connection connection = session.pools().monitor().getConnection();
             Statement statement = connection.createStatement()) {
            pid = pid(statement);
            statement.executeQuery("SELECT set_config('statement_timeout', '0', false), " + FLIP).close();
            connection.commit();
            assertEquals("0", show(statement, "statement_timeout"));
        }
        boolean sameSessionSeen = false;
        for (int i = 0; i < 6; i++) {
            try (Connection connection = session.pools().monitor().getConnection();
                 Statement statement = connection.createStatement()) {
                sameSessionSeen |= pid(statement) == pid;
                assertEquals("5s", show(statement, "statement_timeout"));
                assertEquals("on", show(statement, "default_transaction_read_only"));
            }
        }
        assertTrue(sameSessionSeen, "the pool handed the changed session out again, so the reset was exercised");
    }

    @Test
    void theConnectionRefusesToLeaveItsReadOnlyTransaction() throws Exception {
        try (Connection connection = session.pools().monitor().getConnection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                assertEquals("on", show(statement, "transaction_read_only"), "autocommit was not switched on");
                assertThrows(SQLException.class, () -> statement.executeQuery("SELECT public.evil_write()"));
            }
            connection.rollback();
            assertThrows(SQLException.class, () -> connection.setReadOnly(false));
            // pgjdbc would send these as separate statements, the COMMIT ending the read-only transaction.
            SQLException several = assertThrows(SQLException.class, () -> connection.prepareStatement(
                    "SELECT 1; COMMIT; SET default_transaction_read_only = off; SELECT public.evil_write()"));
            assertEquals("25006", several.getSQLState());
            try (Statement statement = connection.createStatement()) {
                assertThrows(SQLException.class, () -> statement.execute(
                        "SELECT 1; COMMIT; SET default_transaction_read_only = off; SELECT public.evil_write()"));
                assertEquals("ok; fine", single(statement, "SELECT 'ok; fine' /* ; */ -- ;\n;"),
                        "a semicolon in a literal or comment, or a trailing one, is still one statement");
            }
        }
        assertEquals(0, loot());
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String show(Statement statement, String setting) throws SQLException {
        return single(statement, "SHOW " + setting);
    }

    private static int pid(Statement statement) throws SQLException {
        return Integer.parseInt(single(statement, "SELECT pg_backend_pid()::text"));
    }
}
