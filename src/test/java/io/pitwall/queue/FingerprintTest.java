package io.pitwall.queue;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FingerprintTest {

    @Test
    void numbersAndPathsVaryTheSameFailureDoesNot() {
        String a = Fingerprint.of("open /data/repos/1234.git/objects/pack: no space left on device");
        String b = Fingerprint.of("open /data/repos/98.git/objects/pack: no space left on device");
        assertEquals(a, b);
        assertEquals("open <path>: no space left on device", a);
    }

    @Test
    void aPathWithATimestampInItIsOnePath() {
        assertEquals("OSError: [Errno <n>] No space left on device: '<path>'",
                Fingerprint.of("OSError: [Errno 28] No space left on device: '/data/incoming/2025-11-19T03:50:00.ms'"));
    }

    @Test
    void uuidsHexIdsAndTimestampsAreNormalised() {
        assertEquals("task <uuid> failed at <time>",
                Fingerprint.of("task 3f2b8c1e-4d5a-4b6c-9e8f-0a1b2c3d4e5f failed at 2026-11-24T03:12:45.123Z"));
        assertEquals("object <hex> missing", Fingerprint.of("object 9fceb02d0ae598e95dc970b74767f19372d61af8 missing"));
        assertEquals("bad pointer <hex>", Fingerprint.of("bad pointer 0x7ffee3b4"));
        assertEquals("No calibrator registered for Dec <n>", Fingerprint.of("No calibrator registered for Dec 71.66"));
    }

    @Test
    void wordsStayAndDifferentFailuresDiffer() {
        assertEquals("[Errno <n>] No space left on device", Fingerprint.of("[Errno 28] No space left on device"));
        assertNotEquals(Fingerprint.of("deadline exceeded"), Fingerprint.of("connection refused"));
        // "facade" and "decade" are hex letters only: words, not ids.
        assertEquals("decade facade", Fingerprint.of("decade facade"));
    }

    @Test
    void onlyTheFirstLineOfAStackTraceCounts() {
        String trace = "java.io.IOException: disk full\n\tat Foo.bar(Foo.java:12)\n\tat Baz.qux(Baz.java:99)";
        assertEquals("java.io.IOException: disk full", Fingerprint.of(trace));
    }

    /** Each family below is one cause written the way its system writes it; its members must make one group. */
    @Test
    void oneCauseIsOneGroupWhateverPathIdOrNumberItNames() {
        sameGroup("OSError: [Errno <n>] No space left on device: '<path>'",
                "OSError: [Errno 28] No space left on device: '/stage/dsa110-contimg/raw/ms/2025-11-19T03:05:00.ms'",
                "OSError: [Errno 28] No space left on device: '/stage/reports/2025-11-18.pdf'");
        // Ruby (GoodJob, Solid Queue): the path after " - ", absolute or relative.
        sameGroup("Errno::ENOSPC: No space left on device @ io_write - <path>",
                "Errno::ENOSPC: No space left on device @ io_write - /rails/tmp/exports/export-41.csv",
                "Errno::ENOSPC: No space left on device @ io_write - tmp/exports/export-7.csv");
        // Go (River, shithub): the file before the colon.
        sameGroup("write <path>: no space left on device",
                "write /var/lib/river/spool/4711.tmp: no space left on device",
                "write /var/lib/river/spool/a81f0c2e-2b7d-4f7e-9b9a-1c2d3e4f5a6b.tmp: no space left on device");
        // Node (pg-boss, Graphile Worker): a quoted path after a comma.
        sameGroup("ENOSPC: no space left on device, write '<path>'",
                "ENOSPC: no space left on device, write '/tmp/upload-3f2b8c1e.bin'",
                "ENOSPC: no space left on device, write '/tmp/upload-77.bin'");
        // Elixir (Oban): a double-quoted path.
        sameGroup("** (File.Error) could not write to file \"<path>\": no space left on device",
                "** (File.Error) could not write to file \"/data/exports/42.csv\": no space left on device",
                "** (File.Error) could not write to file \"/data/exports/2025-11-20/9.csv\": no space left on device");
        // Windows paths, urls, e-mail addresses and quoted values with ids in them vary too.
        sameGroup("IOException: cannot create <path>: disk full",
                "IOException: cannot create C:\\jobs\\spool\\41.tmp: disk full", "IOException: cannot create D:\\tmp\\x.tmp: disk full");
        sameGroup("POST <url> returned <n>", "POST https://hooks.example.com/h/123?sig=abc returned 502",
                "POST https://hooks.example.com/h/9 returned 503");
        sameGroup("mail to <email> bounced: mailbox full", "mail to ann@example.org bounced: mailbox full",
                "mail to bob.smith+jobs@mail.example.com bounced: mailbox full");
        sameGroup("ActiveRecord::RecordNotFound: Couldn't find User with 'id'=<n>",
                "ActiveRecord::RecordNotFound: Couldn't find User with 'id'=4711",
                "ActiveRecord::RecordNotFound: Couldn't find User with 'id'=12");
        sameGroup("ValueError: invalid literal for int() with base <n>: '<v>'",
                "ValueError: invalid literal for int() with base 10: 'x17'",
                "ValueError: invalid literal for int() with base 10: 'twelve apples'");
        sameGroup("RuntimeError: Table <path> does not exist (line <n>)",
                "RuntimeError: Table /stage/ms/a.ms does not exist (line 42)", "RuntimeError: Table /stage/ms/b.ms does not exist (line 7)");
    }

    @Test
    void aPythonTracebackIsNamedByItsLastLineNotItsHeader() {
        String disk = "Traceback (most recent call last):\n  File \"/app/tasks.py\", line 42, in run\n    out.write(data)\n"
                + "OSError: [Errno 28] No space left on device: '/stage/x.ms'\n";
        String key = "Traceback (most recent call last):\n  File \"/app/tasks.py\", line 9, in run\n    row['email']\nKeyError: 'email'";
        assertEquals("OSError: [Errno <n>] No space left on device: '<path>'", Fingerprint.of(disk));
        assertEquals("KeyError: 'email'", Fingerprint.of(key));
    }

    @Test
    void namesInCodeStayBecauseTheyAreTheCause() {
        assertEquals("duplicate key value violates unique constraint \"users_email_key\"",
                Fingerprint.of("duplicate key value violates unique constraint \"users_email_key\""));
        assertNotEquals(Fingerprint.of("duplicate key value violates unique constraint \"users_email_key\""),
                Fingerprint.of("duplicate key value violates unique constraint \"invoices_number_key\""));
        assertEquals("TypeError: Cannot read properties of undefined (reading 'map')",
                Fingerprint.of("TypeError: Cannot read properties of undefined (reading 'map')"));
        assertNotEquals(Fingerprint.of("No space left on device"), Fingerprint.of("Permission denied"));
    }

    private static void sameGroup(String expected, String... texts) {
        for (String text : texts) {
            assertEquals(expected, Fingerprint.of(text), text);
        }
    }

    @Test
    void emptyErrorsGroupTogetherAndLongOnesAreCut() {
        assertEquals("(no error text)", Fingerprint.of(null));
        assertEquals("(no error text)", Fingerprint.of("  "));
        assertTrue(Fingerprint.of("x".repeat(500)).length() <= Fingerprint.MAX_LENGTH + 1);
    }
}
