package io.pitwall.ui.runbook;

import io.pitwall.profile.ActionSpec;
import io.pitwall.profile.Profile;
import io.pitwall.profile.ProfileLoader;
import javafx.scene.control.MenuItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The row menu's order and red come from the profile's "destructive" flag, not from the action's verb. */
class RowMenuOrderTest {

    @TempDir
    Path dir;

    @Test
    void whatTheProfileMarksGoesLastInRedWhateverItsVerb() throws Exception {
        Files.writeString(dir.resolve("acme.json"), """
                {
                  "id": "acme",
                  "title": "Acme jobs",
                  "detect": {"table": "acme_jobs", "columns": ["id:int", "state", "kind:text"]},
                  "tasks": {"id": "id", "kind": "kind", "state": "state"},
                  "states": {"ready": "QUEUED", "done": "SUCCEEDED", "gone": "CANCELLED"},
                  "actions": [
                    {"id": "shred", "title": "Shred jobs", "verb": "Shred", "noun": "job", "destructive": true,
                     "statement": "DELETE FROM {table} t WHERE t.id = ANY({ids})"},
                    {"id": "cancel", "title": "Cancel jobs", "verb": "Cancel", "noun": "job", "set": {"state": "'gone'"}},
                    {"id": "retry", "title": "Retry jobs", "verb": "Retry", "noun": "job", "destructive": false,
                     "set": {"state": "'ready'"}}
                  ]
                }
                """);
        Profile acme = new ProfileLoader().load(dir).find("acme").orElseThrow();
        List<String> order = RowMenu.reversibleFirst(acme.actions()).stream().map(ActionSpec::id).toList();
        assertEquals(List.of("cancel", "retry", "shred"), order,
                "the marked one last; an unmarked 'Cancel' keeps the profile's place (no verb list decides)");

        MenuItem shred = new MenuItem("Shred");
        RowMenu.styleDestructive(shred, acme.action("shred").orElseThrow());
        assertTrue(shred.getStyleClass().contains("destructive-item"));
        MenuItem cancel = new MenuItem("Cancel");
        RowMenu.styleDestructive(cancel, acme.action("cancel").orElseThrow());
        assertFalse(cancel.getStyleClass().contains("destructive-item"), "unknown is not red");
    }
}
