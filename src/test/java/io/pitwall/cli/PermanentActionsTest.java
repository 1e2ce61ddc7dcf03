package io.pitwall.cli;

import io.pitwall.runbook.ActionFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PermanentActionsTest {

    private static final String R = "perm.record";
    private ActionFixture f;

    @BeforeEach
    void seed() {
        f = new ActionFixture("permanent");
        f.db.execute("""
                INSERT INTO perm.record (recordid, type, status, createddt, updateddt) VALUES
                  (1, 'type.record.image', 'status.record.processing', now() - interval '3 hours', now() - interval '2 hours'),
                  (2, 'type.record.video', 'status.record.converting', now() - interval '3 hours', now() - interval '1 hour'),
                  (3, 'type.record.image', 'status.record.processing', now() - interval '3 hours', now() - interval '2 minutes'),
                  (4, 'type.record.image', 'status.generic.ok', now() - interval '3 hours', now() - interval '2 hours');
                """);
    }

    @Test
    void requeueStuckResetsEachStatusToItsNeedsStateOnlyWhenStale() {
        String before = f.snapshot(R);
        assertEquals(0, f.cli("act", "requeue-stuck", "--profile", "permanent", "--dry-run", "--reason", "r").exitCode());
        assertEquals(before, f.snapshot(R));

        ActionFixture.Run young = f.cli("act", "requeue-stuck", "--profile", "permanent", "--task", "3", "--yes", "--reason", "r");
        assertEquals(3, young.exitCode());
        assertTrue(young.json().get("skipped").get(0).get("reason").asText().contains("daemon may still be working"));

        ActionFixture.Run run = f.cli("act", "requeue-stuck", "--profile", "permanent", "--yes", "--reason", "INC-9");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2, run.json().get("applied").asInt());
        assertEquals("status.record.needs_processing", f.value("SELECT status FROM perm.record WHERE recordid = 1"));
        assertEquals("status.record.needs_converting", f.value("SELECT status FROM perm.record WHERE recordid = 2"));
        assertEquals("status.record.processing", f.value("SELECT status FROM perm.record WHERE recordid = 3"));

        ActionFixture.Run undo = f.cli("act", "undo", "--audit-id", run.json().get("auditId").asText(), "--yes", "--reason", "r");
        assertEquals(0, undo.exitCode(), undo.err());
        assertEquals(before, f.snapshot(R));
    }
}
