package io.pitwall.connect.keyring;

import io.pitwall.testing.TestKeyring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
