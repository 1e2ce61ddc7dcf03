package io.pitwall.connect;

import io.pitwall.connect.keyring.Keyring;
import io.pitwall.connect.keyring.PasswordKey;
import io.pitwall.testing.PasswordRoles;
import io.pitwall.testing.TestDatabase;
import io.pitwall.testing.TestKeyring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 item 4: a connection's password from the desktop keyring (a real gnome-keyring on its own session bus),
 * in the order given > keyring > PGPASSWORD > ~/.pgpass, against the embedded PostgreSQL with a scram-sha-256 role.
 */
class KeyringPasswordsTest {

    private static TestKeyring desktop;
    private static TestDatabase db;
    private static String role;
    private static int port;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        desktop = TestKeyring.start();
        db = TestDatabase.fresh();
        role = PasswordRoles.create(db, "kr_" + db.name(), "only-in-the-keyring");
        port = TestDatabase.server().getPort();
    }

    @AfterAll
    static void stop() {
        if (desktop != null) {
            desktop.close();
        }
    }

    /** A resolver on the test keyring whose ~/.pgpass is {@code pgpass} (null: none at all). */
    private TargetResolver resolver(TestKeyring on, String pgpass, String pgpassword) throws Exception {
        Map<String, String> env = new HashMap<>(on == null ? Map.of() : on.env());
        Path file = temp.resolve("pgpass");
        if (pgpass != null) {
            Files.writeString(file, pgpass);
        }
        env.put("PGPASSFILE", file.toString());
        if (pgpassword != null) {
            env.put("PGPASSWORD", pgpassword);
        }
        return new TargetResolver(env, temp, "nobody");
    }

    private static String url() {
        return PasswordRoles.url(db, role, null);
    }

    private static PasswordKey key() {
        return new PasswordKey("localhost", port, db.name(), role);
    }

    @Test
    void aPasswordOnlyInTheKeyringConnects() throws Exception {
        desktop.keyring().store(key(), "Pitwall: keyring-only", "only-in-the-keyring");
        try {
            TargetResolver.Resolved resolved = resolver(desktop, null, null).explain(url());
            assertEquals("the desktop keyring", resolved.password().source());
            assertEquals(role, ConnectionProbe.check(resolved.target()));
        } finally {
            desktop.keyring().forget(key());
        }
    }

    @Test
    void theOrderIsGivenThenKeyringThenPgpasswordThenPgpass() throws Exception {
        String pgpassLine = "localhost:" + port + ":" + db.name() + ":" + role + ":from-pgpass\n";
        desktop.keyring().store(key(), "Pitwall: order", "from-keyring");
        try {
            TargetResolver both = resolver(desktop, pgpassLine, "from-env");
            assertEquals("from-keyring", both.resolve(url()).password());
            assertEquals("typed", both.resolve(PasswordRoles.url(db, role, "typed")).password());
        } finally {
            desktop.keyring().forget(key());
        }
        assertEquals("from-env", resolver(desktop, pgpassLine, "from-env").resolve(url()).password());
        TargetResolver.Resolved pgpass = resolver(desktop, pgpassLine, null).explain(url());
        assertEquals("from-pgpass", pgpass.target().password());
        assertNull(pgpass.keyringProblem(), "the keyring was asked and had nothing");
    }

    @Test
    void aWrongStoredPasswordIsAnAuthenticationFailureAskedOnce() throws Exception {
        desktop.keyring().store(key(), "Pitwall: wrong", "not-the-password");
        try {
            ConnectionTarget target = resolver(desktop, null, null).resolve(url());
            ConnectionProbe.Failed failed = assertThrows(ConnectionProbe.Failed.class, () -> ConnectionProbe.check(target));
            assertTrue(failed.authentication());
            assertTrue(failed.getMessage().startsWith("authentication failed for user " + role), failed.getMessage());
            assertTrue(failed.getMessage().contains("keyring"), "names where passwords come from: " + failed.getMessage());
            try (DatabasePools pools = new DatabasePools(target)) {
                assertThrows(SQLException.class, () -> open(pools));
                assertThrows(SQLException.class, () -> open(pools));
                assertEquals(1, pools.monitorLoginAttempts(), "the stored password was sent exactly once");
            }
        } finally {
            desktop.keyring().forget(key());
        }
    }

    @Test
    void withNoSessionBusThePgpassApplies() throws Exception {
        String pgpassLine = "*:*:*:" + role + ":only-in-the-keyring\n";
        TargetResolver.Resolved resolved = resolver(null, pgpassLine, null).explain(url());
        assertEquals("only-in-the-keyring", resolved.target().password());
        assertTrue(resolved.password().source().endsWith("pgpass"), resolved.password().source());
        assertTrue(resolved.keyringProblem().contains("DBUS_SESSION_BUS_ADDRESS is not set"), resolved.keyringProblem());
        Keyring.Status status = Keyring.of(Map.of()).status();
        assertEquals(false, status.available());
        assertTrue(status.describe().startsWith("desktop keyring unavailable: no D-Bus session bus"), status.describe());
    }

    @Test
    void aBusWithoutSecretServiceIsUnavailableAndThePgpassApplies() throws Exception {
        try (TestKeyring bare = TestKeyring.busOnly()) {
            long started = System.nanoTime();
            TargetResolver.Resolved resolved = resolver(bare, "*:*:*:" + role + ":from-pgpass\n", null).explain(url());
            assertTrue(System.nanoTime() - started < 3_000_000_000L, "answered at once");
            assertEquals("from-pgpass", resolved.target().password());
            assertTrue(resolved.keyringProblem().startsWith("no Secret Service on the session bus"),
                    resolved.keyringProblem());
            assertEquals(false, bare.keyring().status().available());
        }
    }

    @Test
    void aServiceThatNeverAnswersIsGivenUpAfterTheTimeout() throws Exception {
        try (TestKeyring hung = TestKeyring.start()) {
            hung.freezeService(true);
            Keyring keyring = hung.keyring().withTimeout(java.time.Duration.ofMillis(800));
            Map<String, String> env = new HashMap<>(hung.env());
            Files.writeString(temp.resolve("pgpass"), "*:*:*:" + role + ":from-pgpass\n");
            env.put("PGPASSFILE", temp.resolve("pgpass").toString());
            long started = System.nanoTime();
            TargetResolver.Resolved resolved = new TargetResolver(env, temp, "nobody", new KeyringPasswords(keyring))
                    .explain(url());
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals("from-pgpass", resolved.target().password());
            assertTrue(resolved.keyringProblem().contains("did not answer") && resolved.keyringProblem().contains("800 ms"),
                    resolved.keyringProblem());
            assertTrue(millis < 3_000, "gave up after the timeout, did not hang: " + millis + " ms");
            assertEquals(false, keyring.status().available(), "a service that never answers counts as unavailable");
        }
    }

    @Test
    void theActionRolesPasswordIsNeverTakenFromTheKeyring() throws Exception {
        // Issue 14 item 3: the action role's password is asked per action and not kept; an item someone stored for
        // that role (secret-tool, another program) must not stand in for the question.
        PasswordKey actionRole = new PasswordKey("localhost", port, db.name(), "acting_role");
        desktop.keyring().store(actionRole, "stored elsewhere", "should-not-be-used");
        try {
            TargetResolver resolver = resolver(desktop, null, null);
            ConnectionTarget monitor = resolver.resolve(url());
            assertNull(resolver.as(monitor, "acting_role").password(), "asked per action, not read from the keyring");
        } finally {
            desktop.keyring().forget(actionRole);
        }
    }

    @Test
    void rememberingAConnectionWritesNoPasswordToTheFile() throws Exception {
        Path file = temp.resolve("connections.json");
        SavedConnections saved = new SavedConnections(file);
        ConnectionTarget target = resolver(desktop, null, null).resolve(PasswordRoles.url(db, role, "only-in-the-keyring"));
        saved.remember(new ConnectionIdentity("kept", "staging", null, false, null), target);
        new SavedPasswords(desktop.keyring(), resolver(desktop, null, null)).store("kept", target, target.password());
        try {
            String bytes = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(bytes.contains("\"kept\""), bytes);
            assertTrue(!bytes.contains("only-in-the-keyring"), "the file holds no password: " + bytes);
            SavedPasswords passwords = new SavedPasswords(desktop.keyring(), resolver(desktop, null, null));
            assertEquals(Map.of("kept", true), passwords.stored(saved.list()));
            assertTrue(passwords.forget(saved.named("kept").orElseThrow()));
            assertEquals(Map.of("kept", false), passwords.stored(saved.list()));
        } finally {
            desktop.keyring().forget(key());
        }
    }

    private static void open(DatabasePools pools) throws SQLException {
        try (Connection ignored = pools.monitor().getConnection()) {
            // connecting is the test
        }
    }
}
