package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.testing.PasswordRoles;
import io.pitwall.testing.TestDatabase;
import io.pitwall.testing.TestKeyring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 item 4 on the command line: pitwall password set/forget/status against a real gnome-keyring, and the
 * commands that connect (--url, --connection) finding the password there.
 */
class PasswordCommandTest {

    private static final String PASSWORD = "kept-in-the-keyring-only";
    private static TestKeyring desktop;
    private static TestDatabase db;
    private static String role;

    @TempDir
    Path config;

    private final InputStream stdin = System.in;

    @BeforeAll
    static void start() {
        desktop = TestKeyring.start();
        db = TestDatabase.fresh();
        role = PasswordRoles.create(db, "cli_" + db.name(), PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (desktop != null) {
            desktop.close();
        }
    }

    @BeforeEach
    void useTheTestKeyringAndConfig() throws Exception {
        System.setProperty("pitwall.config.dir", config.toString());
        System.setProperty("pitwall.dbus.address", desktop.address());
        Files.writeString(config.resolve("connections.json"),
                "[{\"name\": \"kr\", \"uri\": \"" + PasswordRoles.url(db, role, null) + "\"}]");
    }

    @AfterEach
    void restore() {
        System.clearProperty("pitwall.config.dir");
        System.clearProperty("pitwall.dbus.address");
        System.setIn(stdin);
    }

    private static CliRun withStdin(String text, String... args) {
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        return CliRun.of(args);
    }

    @Test
    void storedFromStdinUsedByEveryConnectingCommandAndForgotten() throws Exception {
        CliRun before = CliRun.of("password", "status", "--json");
        assertEquals(0, before.exitCode(), before.err());
        JsonNode keyring = before.json().get("keyring");
        assertTrue(keyring.get("available").asBoolean(), before.out());
        assertEquals("dh-ietf1024-sha256-aes128-cbc-pkcs7", keyring.get("session").asText());
        assertFalse(before.json().get("connections").get(0).get("passwordInKeyring").asBoolean(), before.out());
        CliRun without = CliRun.of("detect", "--url", PasswordRoles.url(db, role, null), "--json");
        assertEquals(1, without.exitCode(), "no password anywhere yet: " + without.out() + without.err());

        CliRun set = withStdin(PASSWORD + "\n", "password", "set", "--connection", "kr");
        assertEquals(0, set.exitCode(), set.err());
        assertTrue(set.out().contains("stored in the desktop keyring"), set.out());

        CliRun status = CliRun.of("password", "status", "--json");
        assertTrue(status.json().get("connections").get(0).get("passwordInKeyring").asBoolean(), status.out());
        CliRun text = CliRun.of("password", "status");
        assertTrue(text.out().contains("kr") && text.out().contains("password in keyring"), text.out());
        for (CliRun run : new CliRun[]{set, status, text}) {
            assertFalse((run.out() + run.err()).contains(PASSWORD), "the secret is never printed");
        }
        String saved = Files.readString(config.resolve("connections.json"));
        assertFalse(saved.contains(PASSWORD), "the saved connections file holds no password: " + saved);

        CliRun detect = CliRun.of("detect", "--url", PasswordRoles.url(db, role, null), "--json");
        assertEquals(0, detect.exitCode(), "the plain --url found the keyring's password: " + detect.err());
        CliRun check = CliRun.of("check", "--connection", "kr");
        assertEquals(0, check.exitCode(), "--connection too: " + check.out() + check.err());
        assertTrue(check.out().startsWith("PITWALL OK"), check.out());

        CliRun forget = CliRun.of("password", "forget", "--connection", "kr", "--json");
        assertEquals(0, forget.exitCode(), forget.err());
        assertEquals("forgotten", forget.json().get("result").asText());
        assertFalse(desktop.keyring().holds(new io.pitwall.connect.keyring.PasswordKey("localhost",
                TestDatabase.server().getPort(), db.name(), role)), "a fresh lookup finds nothing");
        CliRun after = CliRun.of("detect", "--url", PasswordRoles.url(db, role, null), "--json");
        assertEquals(1, after.exitCode(), "forgotten: no password again");
        assertEquals(3, CliRun.of("check", "--connection", "kr").exitCode(), "check: UNKNOWN without a password");
    }

    @Test
    void anUnknownConnectionIsBadUsageAndThePasswordNeverComesFromArgv() {
        CliRun unknown = withStdin("x\n", "password", "set", "--connection", "ghost");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("no saved connection named 'ghost'"), unknown.err());
        CliRun argv = CliRun.of("password", "set", "--connection", "kr", "--password", "on-the-command-line");
        assertEquals(2, argv.exitCode(), "there is no option to pass it: " + argv.err());
        CliRun empty = withStdin("", "password", "set", "--connection", "kr");
        assertEquals(2, empty.exitCode());
        assertTrue(empty.err().contains("nothing stored"), empty.err());
    }

    @Test
    void noKeyringFailsWhenAskedToStoreAndSaysSoInTheStatus() {
        System.setProperty("pitwall.dbus.address", "");
        CliRun set = withStdin(PASSWORD + "\n", "password", "set", "--connection", "kr");
        assertEquals(1, set.exitCode(), set.err());
        assertTrue(set.err().contains("desktop keyring unavailable: no D-Bus session bus"), set.err());
        CliRun status = CliRun.of("password", "status");
        assertEquals(0, status.exitCode());
        assertTrue(status.out().startsWith("desktop keyring unavailable"), status.out());
        assertTrue(status.out().contains("keyring not asked"), status.out());
    }

    @Test
    void aLockedKeyringRefusesToStore() throws Exception {
        try (TestKeyring locked = TestKeyring.start()) {
            locked.keyring().lockDefaultCollection();
            System.setProperty("pitwall.dbus.address", locked.address());
            long started = System.nanoTime();
            CliRun set = withStdin(PASSWORD + "\n", "password", "set", "--connection", "kr");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(3, set.exitCode(), set.err());
            assertTrue(set.err().contains("keyring locked"), set.err());
            assertTrue(millis < 3_000, "no hang: " + millis + " ms");
            CliRun status = CliRun.of("password", "status", "--json");
            assertTrue(status.json().get("keyring").get("locked").asBoolean(), status.out());
        }
    }
}
