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

    @Test
    void emptyErrorsGroupTogetherAndLongOnesAreCut() {
        assertEquals("(no error text)", Fingerprint.of(null));
        assertEquals("(no error text)", Fingerprint.of("  "));
        assertTrue(Fingerprint.of("x".repeat(500)).length() <= Fingerprint.MAX_LENGTH + 1);
    }
}
