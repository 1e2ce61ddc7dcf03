package io.pitwall.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stuck rules are data a user may write: a broken one is reported with its line, and the profile is not used. */
class StuckRuleValidationTest {

    private static final String PROFILE = """
            {
              "id": "mine",
              "title": "My queue",
              "detect": {"table": "jobs", "columns": ["id", "state"]},
              "tasks": {"id": "id", "state": "state"},
              "states": {"busy": "RUNNING"},
              "stuck": [
                %s
              ]
            }
            """;

    @Test
    void aValidRuleLoads(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.json"), PROFILE.formatted("""
                {"id": "stalled", "where": "t.state = 'busy' AND t.updated_at <= now() - {threshold}",
                 "since": "updated_at", "threshold": "10m", "thresholds": {"slow": "1h"},
                 "evidence": "updated {age} ago (threshold {threshold})"}
                """));
        ProfileRegistry registry = new ProfileLoader().load(dir);
        Profile mine = registry.find("mine").orElseThrow(() -> new AssertionError(registry.problems()));
        assertEquals("stalled", mine.stuck().getFirst().id());
        assertEquals("1h", mine.stuck().getFirst().thresholds().get("slow"));
    }

    @Test
    void aBadThresholdIsAProblemWithALine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.json"), PROFILE.formatted("""
                {"id": "stalled", "where": "true", "threshold": "ten minutes", "evidence": "x"}
                """));
        ProfileRegistry registry = new ProfileLoader().load(dir);
        assertTrue(registry.find("mine").isEmpty());
        ProfileProblem problem = registry.problems().stream().filter(p -> p.file().endsWith("mine.json")).findFirst().orElseThrow();
        assertTrue(problem.message().contains("90s, 5m, 2h"), problem.message());
        assertEquals(7, problem.line(), "the line of the stuck list");
    }

    @Test
    void aRuleWithoutWhereIsAProblem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.json"), PROFILE.formatted("""
                {"id": "stalled", "evidence": "x"}
                """));
        ProfileRegistry registry = new ProfileLoader().load(dir);
        assertTrue(registry.find("mine").isEmpty());
        assertTrue(registry.problems().stream().anyMatch(p -> p.message().contains("needs 'where' and 'evidence'")),
                registry.problems().toString());
    }
}
