package io.pitwall.connect.keyring;

import io.pitwall.testing.TestKeyring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Secret Service client against a real gnome-keyring-daemon on a private session bus. */
class KeyringTest {

    private static TestKeyring desktop;

    @BeforeAll
    static void start() {
        desktop = TestKeyring.start();
    }

    @AfterAll
    static void stop() {
        if (desktop != null) {
            desktop.close();
        }
    }

    @Test
    void storesLooksUpAndForgetsOverAnEncryptedSession() throws Exception {
        Keyring keyring = desktop.keyring();
        PasswordKey key = new PasswordKey("db1.example", 5433, "queues", "ops");
        assertEquals(Optional.empty(), keyring.lookup(key));
        keyring.store(key, "Pitwall: orders", "s3cret:with\\odd chars");
        assertEquals(Optional.of("s3cret:with\\odd chars"), keyring.lookup(key));
        assertEquals(Optional.empty(), keyring.lookup(new PasswordKey("db1.example", 5433, "queues", "other")));
        assertEquals("dh-ietf1024-sha256-aes128-cbc-pkcs7", keyring.sessionAlgorithm());
        assertEquals("s3cret:with\\odd chars", secretTool("lookup", "application", "pitwall", "host", "db1.example",
                "port", "5433", "database", "queues", "user", "ops"));
        assertTrue(keyring.forget(key));
        assertEquals(Optional.empty(), keyring.lookup(key));
        assertFalse(keyring.forget(key));
        assertEquals("", secretTool("lookup", "application", "pitwall", "host", "db1.example"));
    }

    @Test
    void aLockedCollectionIsRefusedAtOnceWithoutAPrompt() throws Exception {
        try (TestKeyring locking = TestKeyring.start()) {
            Keyring keyring = locking.keyring();
            PasswordKey key = new PasswordKey("db2.example", 5432, "queues", "ops");
            keyring.store(key, "Pitwall: locked", "kept-before-the-lock");
            keyring.lockDefaultCollection();
            assertTrue(keyring.status().locked(), keyring.status().describe());
            assertTrue(keyring.status().describe().startsWith("desktop keyring locked"), keyring.status().describe());

            long started = System.nanoTime();
            KeyringException read = assertThrows(KeyringException.class, () -> keyring.lookup(key));
            KeyringException write = assertThrows(KeyringException.class, () -> keyring.store(key, "x", "new"));
            KeyringException delete = assertThrows(KeyringException.class, () -> keyring.forget(key));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            for (KeyringException refused : new KeyringException[]{read, write, delete}) {
                assertEquals(KeyringException.Kind.LOCKED, refused.kind(), refused.getMessage());
                assertTrue(refused.getMessage().startsWith("keyring locked"), refused.getMessage());
            }
            assertTrue(millis < 3_000, "refused without waiting for anyone to answer a prompt: " + millis + " ms");
            assertTrue(keyring.holds(key), "the item is still there, only locked");
        }
    }

    @Test
    void theSecretCrossesTheBusEncrypted() throws Exception {
        TestKeyring.require("dbus-monitor", "dbus-bin");
        java.nio.file.Path captured = desktop.dir().resolve("monitor.txt");
        Process monitor = desktop.program("dbus-monitor", "--address", desktop.address())
                .redirectErrorStream(true).redirectOutput(captured.toFile()).start();
        try {
            Thread.sleep(500); // dbus-monitor has become a monitor once it is listening; it prints nothing before that
            Keyring keyring = desktop.keyring();
            PasswordKey key = new PasswordKey("db3.example", 5432, "queues", "ops");
            keyring.store(key, "Pitwall: wire", "Wire-Visible-Secret");
            assertEquals(Optional.of("Wire-Visible-Secret"), keyring.lookup(key));
            keyring.forget(key);
            Thread.sleep(300);
        } finally {
            monitor.destroy();
            monitor.waitFor(5, TimeUnit.SECONDS);
        }
        String wire = java.nio.file.Files.readString(captured);
        assertTrue(wire.contains("member=CreateItem") && wire.contains("member=GetSecret"), "the monitor saw the calls: "
                + wire.substring(0, Math.min(wire.length(), 2000)));
        String hex = HexFormat.ofDelimiter(" ").formatHex("Wire-Visible-Secret".getBytes(StandardCharsets.UTF_8));
        String compact = wire.replaceAll("\\s+", " ");
        assertFalse(wire.contains("Wire-Visible-Secret"), "the secret is not on the bus as text");
        assertFalse(compact.contains(hex), "the secret is not on the bus as bytes");
        assertTrue(wire.contains("string \"dh-ietf1024-sha256-aes128-cbc-pkcs7\""), "OpenSession asked for DH");
    }

    @Test
    void pitwallKeyringOffLeavesARunningKeyringAlone() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(desktop.env());
        env.put("PITWALL_KEYRING", "off");
        Keyring off = Keyring.of(env);
        assertEquals("desktop keyring unavailable: turned off by PITWALL_KEYRING=off", off.status().describe());
        KeyringException refused = assertThrows(KeyringException.class,
                () -> off.store(new PasswordKey("h", 1, "d", "u"), "x", "y"));
        assertEquals(KeyringException.Kind.UNAVAILABLE, refused.kind());
        assertFalse(desktop.keyring().holds(new PasswordKey("h", 1, "d", "u")), "nothing was stored");
    }

    private static String secretTool(String... args) throws IOException, InterruptedException {
        TestKeyring.require("secret-tool", "libsecret-tools");
        String[] command = new String[args.length + 1];
        command[0] = "secret-tool";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = desktop.program(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }
}
