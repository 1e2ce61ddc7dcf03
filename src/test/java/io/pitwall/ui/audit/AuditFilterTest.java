package io.pitwall.ui.audit;

import io.pitwall.runbook.AuditEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditFilterTest {

    private static AuditEntry entry(long id, int matched, int applied, int skipped, Long undoOf, Long undoneBy) {
        return new AuditEntry(id, "run-" + id, 1, Instant.parse("2026-01-01T03:00:00Z"), "ana", "pitwall_ops", "ops-1",
                "shithub", "shithub", "jobs", null, "force-release", undoOf, undoneBy, "{\"kind\":\"repo.push\"}", "{}",
                "lease stuck after deploy", "UPDATE shithub.jobs SET state = 'queued'", matched, applied, skipped,
                "[{\"id\":441}]", "[]", "orders-prod");
    }

    @Test
    void outcomesSortEntriesAsAnOperatorAsks() {
        AuditEntry full = entry(1, 3, 3, 0, null, null);
        AuditEntry partly = entry(2, 3, 2, 1, null, null);
        AuditEntry nothing = entry(3, 2, 0, 2, null, null);
        AuditEntry undone = entry(4, 1, 1, 0, null, 9L);
        AuditEntry undo = entry(9, 1, 1, 0, 4L, null);
        assertTrue(AuditFilter.Outcome.APPLIED.matches(full));
        assertFalse(AuditFilter.Outcome.APPLIED.matches(partly), "a skipped row is not 'every row'");
        assertTrue(AuditFilter.Outcome.PARTLY.matches(partly));
        assertFalse(AuditFilter.Outcome.PARTLY.matches(nothing));
        assertTrue(AuditFilter.Outcome.NOTHING.matches(nothing));
        assertTrue(AuditFilter.Outcome.UNDONE.matches(undone));
        assertFalse(AuditFilter.Outcome.UNDONE.matches(undo));
        assertTrue(AuditFilter.Outcome.UNDO.matches(undo));
    }

    @Test
    void textIsFoundInEveryPartOfTheEntryAndBlankMatchesAll() {
        AuditEntry e = entry(1, 1, 1, 0, null, null);
        for (String text : new String[]{"441", "REPO.PUSH", "orders-prod", "after deploy", "set state", "#1"}) {
            assertTrue(new AuditFilter(null, null, "", AuditFilter.Outcome.ANY, text).matches(e), text);
        }
        assertFalse(new AuditFilter(null, null, "", AuditFilter.Outcome.ANY, "442").matches(e));
        assertTrue(AuditFilter.NONE.matches(e));
        assertTrue(new AuditFilter(null, null, "ops-1", null, "").matches(e), "actor by host");
        assertTrue(new AuditFilter(null, null, "pitwall_ops", null, "").matches(e), "actor by database role");
        assertFalse(new AuditFilter("pause-kind", null, "", null, "").matches(e));
        assertFalse(new AuditFilter(null, "shithub · other.jobs", "", null, "").matches(e));
        assertTrue(new AuditFilter("force-release", "shithub · shithub.jobs", "ana", null, "").matches(e));
    }
}
