package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.monitor.SkeletonFixture;
import io.pitwall.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command-line contract of DESIGN.md for detect and status: JSON shape and exit codes. */
class StatusCommandTest {

    private static TestDatabase db;

    @BeforeAll
    static void fixture() {
        db = SkeletonFixture.create();
    }

    @Test
    void statusJsonHasCountsPerProfileAndKind() {
        CliRun run = CliRun.of("status", "--url", db.url(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode shithub = profile(run.json(), "shithub");
        assertEquals(3, shithub.at("/counts/QUEUED").asLong());
        assertEquals(2, shithub.at("/counts/RUNNING").asLong());
        assertEquals(1, shithub.at("/counts/PAUSED").asLong());
        assertEquals(0, shithub.at("/counts/SCHEDULED").asLong(), "states with no tasks are 0, not missing");
        assertFalse(shithub.get("estimated").asBoolean());
        JsonNode push = null;
        for (JsonNode kind : shithub.get("kinds")) {
            if (kind.get("kind").asText().equals("repo.push")) {
                push = kind;
            }
        }
        assertTrue(push != null, "repo.push listed among kinds");
        assertEquals(2, push.at("/counts/QUEUED").asLong());
        assertEquals(1, profile(run.json(), "cloudgov-broker").at("/counts/CANCELLED").asLong());
    }

    @Test
    void statusForOneProfileListsOnlyIt() {
        CliRun run = CliRun.of("status", "--url", db.url(), "--profile", "dsa110-absurd", "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.json().get("profiles").size());
        assertEquals(2, profile(run.json(), "dsa110-absurd").at("/counts/QUEUED").asLong());
    }

    @Test
    void detectNamesTheProfilesFound() {
        CliRun run = CliRun.of("detect", "--url", db.url(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        List<String> ids = new ArrayList<>();
        run.json().get("profiles").forEach(p -> ids.add(p.get("profile").asText() + "@" + p.get("where").asText()));
        assertTrue(ids.containsAll(List.of("shithub@shithub.jobs", "dsa110-absurd@absurd.t_tasks",
                "cloudgov-broker@public.operation")), ids::toString);
    }

    @Test
    void textOutputIsReadable() {
        CliRun run = CliRun.of("status", "--url", db.url(), "--kinds");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("shithub  shithub jobs  (shithub.jobs)"), run.out());
        assertTrue(run.out().contains("QUEUED 3"), run.out());
        assertTrue(run.out().contains("search.reindex"), run.out());
    }

    @Test
    void unknownProfileIsBadInput() {
        CliRun run = CliRun.of("status", "--url", db.url(), "--profile", "nope", "--json");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown profile 'nope'"), run.err());
        assertTrue(run.out().isEmpty(), "nothing on stdout when the command fails");
    }

    @Test
    void badUrlIsBadInput() {
        CliRun run = CliRun.of("status", "--url", "mysql://x/y");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--url"), run.err());
    }

    @Test
    void unreachableDatabaseFailsWithExitOne() {
        CliRun run = CliRun.of("status", "--url", "postgresql://postgres@127.0.0.1:1/none", "--json");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("pitwall:"), run.err());
    }

    @Test
    void unknownOptionIsUsageErrorAndHelpWorks() {
        assertEquals(2, CliRun.of("status", "--bogus").exitCode());
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("demo-db") && help.out().contains("status") && help.out().contains("detect"),
                help.out());
    }

    private static JsonNode profile(JsonNode document, String id) {
        for (JsonNode profile : document.get("profiles")) {
            if (profile.get("profile").asText().equals(id)) {
                return profile;
            }
        }
        throw new AssertionError("no profile " + id + " in " + document);
    }
}
