package io.pitwall.connect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console writes a queue's thresholds into the same checks.json the check command reads. */
class SavedChecksTest {

    @TempDir
    Path dir;

    @Test
    void settingAScopeReplacesOnlyThatScopeAndKeepsEverythingElse() throws IOException {
        Path file = dir.resolve("checks.json");
        Files.writeString(file, """
                {"*": {"stuck": ["1,10"]},
                 "prod": {"depth": ["shithub/*/repo.push=500,5000"], "stuck": ["shithub/shithub.jobs=3", "river/default=2"]},
                 "staging": {"stuck": ["5"]}}
                """);
        SavedChecks checks = new SavedChecks(file);
        Map<String, String> limits = new LinkedHashMap<>();
        limits.put("stuck", "4");
        limits.put("oldest-queued", "15m");
        checks.setScope("prod", "shithub/shithub.jobs", limits);

        Map<String, List<String>> prod = checks.forConnection("prod");
        assertEquals(List.of("1,10", "river/default=2", "shithub/shithub.jobs=4"), prod.get("stuck"),
                "the '*' section first, the other queue's limit kept, this scope's replaced, not added twice");
        assertEquals(List.of("shithub/*/repo.push=500,5000"), prod.get("depth"));
        assertEquals(List.of("shithub/shithub.jobs=15m"), prod.get("oldest-queued"));
        assertEquals(List.of("1,10", "5"), checks.forConnection("staging").get("stuck"), "another connection untouched");
        assertTrue(Files.notExists(dir.resolve("checks.json.tmp")), "the temporary file was moved over");
    }

    @Test
    void aNewFileIsCreatedAndABrokenOneIsNamedNotOverwritten() throws IOException {
        Path file = dir.resolve("sub/checks.json");
        new SavedChecks(file).setScope("demo", "p/q", Map.of("failures-per-minute", "6"));
        assertEquals(Map.of("failures-per-minute", List.of("p/q=6")), new SavedChecks(file).forConnection("demo"));

        Files.writeString(file, "{\"demo\": {\"stuck\": [\"1\"]\n");
        IOException broken = assertThrows(IOException.class,
                () -> new SavedChecks(file).setScope("demo", "p/q", Map.of("stuck", "2")));
        assertTrue(broken.getMessage().startsWith(file + ":"), broken.getMessage());
        assertEquals("{\"demo\": {\"stuck\": [\"1\"]\n", Files.readString(file), "a file it cannot read is left as it was");
    }
}
