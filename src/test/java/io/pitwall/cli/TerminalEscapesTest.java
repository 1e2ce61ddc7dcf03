package io.pitwall.cli;

import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 16: terminal escape sequences in database error text or reasons were printed raw by failed, show
 * and audit, so a worker's error could retitle, recolour or clear the operator's terminal. Text output escapes them.
 */
class TerminalEscapesTest {

    /** Sets the terminal title (OSC 0), turns text red (CSI), and a C1 CSI (U+009B) that some terminals honour. */
    private static final String HOSTILE = "boom\u001b]0;pwned\u0007\u001b[31mred\u009b2J\r done";

    private static TestDatabase db;

    @BeforeAll
    static void fixture() throws IOException {
        db = TestDatabase.fresh();
        try (InputStream in = TerminalEscapesTest.class.getResourceAsStream("/io/pitwall/demo/shithub.sql")) {
            db.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        db.execute("""
                INSERT INTO shithub.jobs (id, kind, state, leased_by, leased_at, last_error, payload) VALUES
                  (1, 'repo.push', 'failed', NULL, NULL, E'%s', '{"note": "x\\u001b[2Jy"}'),
                  (2, 'repo.push', 'processing', 'worker-2', now() - interval '10 minutes', NULL, '{}'),
                  (3, 'repo.push', 'processing', E'worker\\u001b[8m', now() - interval '1 minute', NULL, '{}');
                """.formatted(HOSTILE.replace("\u001b", "\\u001b").replace("\u0007", "\\u0007")
                .replace("\u009b", "\\u009b").replace("\r", "\\r")));
    }

    private static void assertNoControlCharacters(String text) {
        for (char c : text.toCharArray()) {
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
            assertFalse(control, "raw control character U+%04X in:%n%s".formatted((int) c, text));
        }
    }

    @Test
    void failedShowsTheErrorWithItsEscapesVisible() {
        CliRun failed = CliRun.of("failed", "--url", db.url(), "--profile", "shithub");
        assertEquals(0, failed.exitCode(), failed.err());
        assertNoControlCharacters(failed.out());
        assertTrue(failed.out().contains("boom\\x1b]0;pwned\\x07\\x1b[31mred\\x9b2J"), failed.out());
        CliRun grouped = CliRun.of("failed", "--url", db.url(), "--profile", "shithub", "--group");
        assertNoControlCharacters(grouped.out());
        assertTrue(grouped.out().contains("\\x1b"), grouped.out());
    }

    @Test
    void showEscapesErrorPayloadAndHolder() {
        CliRun show = CliRun.of("show", "--url", db.url(), "--profile", "shithub", "--task", "1");
        assertEquals(0, show.exitCode(), show.err());
        assertNoControlCharacters(show.out());
        assertTrue(show.out().contains("pwned"), show.out());
        CliRun holder = CliRun.of("show", "--url", db.url(), "--profile", "shithub", "--task", "3");
        assertNoControlCharacters(holder.out());
        assertTrue(holder.out().contains("worker\\x1b[8m"), holder.out());
    }

    @Test
    void auditEscapesTheReasonAndErrorsPrintedToStderrToo() {
        CliRun act = CliRun.of("act", "force-release", "--url", db.url(), "--profile", "shithub", "--task", "2",
                "--yes", "--reason", "ticket\u001b[2J OPS-1");
        assertEquals(0, act.exitCode(), act.out() + act.err());
        assertNoControlCharacters(act.out());
        CliRun audit = CliRun.of("audit", "--url", db.url());
        assertEquals(0, audit.exitCode(), audit.err());
        assertNoControlCharacters(audit.out());
        assertTrue(audit.out().contains("ticket\\x1b[2J OPS-1"), audit.out());

        CliRun error = CliRun.of("show", "--url", db.url() + "?application_name=x", "--profile", "shithub",
                "--task", "\u001b]0;t\u0007");
        assertNoControlCharacters(error.err());
    }

    @Test
    void jsonKeepsTheExactTextForPrograms() {
        CliRun json = CliRun.of("show", "--url", db.url(), "--profile", "shithub", "--task", "1", "--json");
        assertEquals(HOSTILE, json.json().at("/task/error").asText(), "JSON escapes control characters itself");
    }
}
