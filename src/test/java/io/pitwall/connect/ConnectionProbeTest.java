package io.pitwall.connect;

import io.pitwall.testing.PasswordRoles;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14 item 2: a new target is tested once before it replaces the current one; a rejected login is never retried. */
class ConnectionProbeTest {

    private static TestDatabase db;
    private static String role;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.fresh();
        role = PasswordRoles.create(db, "probe_" + db.name(), "right-one");
    }

    private static ConnectionTarget target(String url) throws BadTargetException {
        return TargetResolver.fromSystem().resolve(url);
    }

    @Test
    void theRightPasswordPassesAndNamesTheRole() throws Exception {
        assertEquals(role, ConnectionProbe.check(target(PasswordRoles.url(db, role, "right-one"))));
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatSaysSo() throws Exception {
        ConnectionProbe.Failed failed = assertThrows(ConnectionProbe.Failed.class,
                () -> ConnectionProbe.check(target(PasswordRoles.url(db, role, "wrong-one"))));
        assertTrue(failed.authentication());
        assertTrue(failed.getMessage().startsWith("authentication failed for user " + role), failed.getMessage());
        assertTrue(failed.getMessage().contains("not retried"), failed.getMessage());
        assertFalse(failed.getMessage().contains("wrong-one"), "the password is never in the message");
    }

    @Test
    void aDownServerIsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ConnectionProbe.Failed failed = assertThrows(ConnectionProbe.Failed.class,
                () -> ConnectionProbe.check(target("postgresql://postgres@127.0.0.1:" + port + "/x")));
        assertFalse(failed.authentication());
        assertTrue(failed.getMessage().startsWith("cannot reach 127.0.0.1:" + port), failed.getMessage());
    }

    @Test
    void aMissingDatabaseIsNamed() throws Exception {
        ConnectionProbe.Failed failed = assertThrows(ConnectionProbe.Failed.class,
                () -> ConnectionProbe.check(target(db.url().replace(db.name(), "no_such_db"))));
        assertTrue(failed.getMessage().startsWith("database no_such_db does not exist"), failed.getMessage());
    }

    @Test
    void aPoolStopsAskingTheServerOnceTheLoginWasRejected() throws Exception {
        try (DatabasePools pools = new DatabasePools(target(PasswordRoles.url(db, role, "wrong-one")))) {
            SQLException first = assertThrows(SQLException.class, () -> open(pools));
            assertTrue(OnceRejected.isAuthenticationFailure(first), first.toString());
            long started = System.nanoTime();
            SQLException second = assertThrows(SQLException.class, () -> open(pools));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(String.valueOf(second.getMessage()).contains("not retried")
                    || String.valueOf(second.getCause()).contains("not retried"), second.toString());
            assertTrue(millis < 1_000, "answered from memory, not by another login attempt: " + millis + " ms");
            assertEquals(1, pools.monitorLoginAttempts(), "the server was asked exactly once");
        }
    }

    private static void open(DatabasePools pools) throws SQLException {
        try (Connection ignored = pools.monitor().getConnection()) {
            // connecting is the test
        }
    }
}
