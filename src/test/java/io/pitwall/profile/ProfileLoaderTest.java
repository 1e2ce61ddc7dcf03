package io.pitwall.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** User profiles load beside the built-ins; a broken one is reported with file, line and field, and skipped. */
class ProfileLoaderTest {

    private static final String GOOD = """
            {
              "id": "my-oban",
              "title": "My Oban jobs",
              "detect": {
                "table": "oban_jobs",
                "columns": ["id:int", "state", "queue:text", "worker:text"]
              },
              "tasks": {"id": "id", "kind": "worker", "state": "state"},
              "states": {"available": "QUEUED", "executing": "RUNNING", "completed": "SUCCEEDED"}
            }
            """;

    @TempDir
    Path dir;

    private ProfileRegistry load(String name, String json) throws IOException {
        Files.writeString(dir.resolve(name), json);
        return new ProfileLoader().load(dir);
    }

    private static List<String> ids(ProfileRegistry registry) {
        return registry.profiles().stream().map(Profile::id).toList();
    }

    // dsa110-absurd and good-job twice: two schema versions each.
    private static final List<String> BUILT_INS = List.of("cloudgov-broker", "dsa110-absurd", "dsa110-absurd", "shithub", "absurd", "broadleaf", "permanent",
            "shithub-0018", "solid-queue", "good-job", "good-job", "graphile-worker", "pg-boss",
            "graphile-worker-legacy", "river", "oban", "procrastinate");

    @Test
    void aUserProfileLoadsAfterTheBuiltIns() throws IOException {
        ProfileRegistry registry = load("oban.json", GOOD);
        assertEquals(List.of(), registry.problems());
        assertEquals(BUILT_INS.size() + 1, registry.profiles().size());
        assertEquals(BUILT_INS, ids(registry).subList(0, BUILT_INS.size()));
        assertEquals("my-oban", registry.profiles().getLast().id());
        assertEquals("My Oban jobs", registry.find("my-oban").orElseThrow().title());
    }

    @Test
    void onlyJsonFilesAreRead() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "not a profile");
        Files.writeString(dir.resolve("oban.json.bak"), "{");
        assertEquals(BUILT_INS, ids(new ProfileLoader().load(dir)));
        assertEquals(List.of(), new ProfileLoader().load(dir).problems());
    }

    @Test
    void aSyntaxErrorNamesFileLineAndFieldAndTheBuiltInsStillLoad() throws IOException {
        String broken = GOOD.replace("\"queue:text\", \"worker:text\"]", "\"queue:text\" \"worker:text\"]");
        ProfileRegistry registry = load("broken.json", broken);
        assertEquals(BUILT_INS, ids(registry));
        ProfileProblem problem = registry.problems().getFirst();
        assertEquals(dir.resolve("broken.json").toString(), problem.file());
        assertEquals(6, problem.line());
        assertEquals("detect.columns[3]", problem.field());
        assertTrue(problem.toString().startsWith(dir.resolve("broken.json") + ":6: field 'detect.columns[3]': "),
                problem.toString());
    }

    @Test
    void anUnknownFieldIsReportedWithItsPath() throws IOException {
        ProfileRegistry registry = load("typo.json", GOOD.replace("\"table\": \"oban_jobs\"", "\"tabel\": \"oban_jobs\""));
        assertEquals(BUILT_INS, ids(registry));
        ProfileProblem problem = registry.problems().getFirst();
        assertEquals("detect.tabel", problem.field());
        assertEquals(5, problem.line());
        assertTrue(problem.message().contains("tabel") && problem.message().contains("not a profile field"),
                problem.message());
    }

    @Test
    void aMisspelledCanonicalStateIsReportedAtItsLine() throws IOException {
        ProfileRegistry registry = load("state.json", GOOD.replace("\"executing\": \"RUNNING\"", "\"executing\": \"RUNING\""));
        ProfileProblem problem = registry.problems().getFirst();
        assertEquals("states.executing", problem.field());
        assertEquals(9, problem.line());
        assertTrue(problem.message().contains("RUNING"), problem.message());
    }

    @Test
    void aMissingRequiredFieldIsReported() throws IOException {
        ProfileRegistry registry = load("nostate.json", GOOD.replace(", \"state\": \"state\"}", "}"));
        assertEquals(BUILT_INS, ids(registry));
        ProfileProblem problem = registry.problems().getFirst();
        assertEquals("tasks", problem.field());
        assertEquals(8, problem.line());
        assertTrue(problem.message().contains("tasks.state is required"), problem.message());
    }

    @Test
    void anUnknownColumnTypeIsReported() throws IOException {
        ProfileRegistry registry = load("type.json", GOOD.replace("\"worker:text\"", "\"worker:string\""));
        ProfileProblem problem = registry.problems().getFirst();
        assertEquals("detect.columns", problem.field());
        assertEquals(6, problem.line());
        assertTrue(problem.message().contains("unknown type 'string' for column worker"), problem.message());
    }

    @Test
    void aUserProfileMayReplaceABuiltInAndThatIsSaid() throws IOException {
        ProfileRegistry registry = load("shithub.json", GOOD.replace("\"id\": \"my-oban\"", "\"id\": \"shithub\""));
        assertEquals(BUILT_INS.size(), registry.profiles().size());
        assertEquals("My Oban jobs", registry.find("shithub").orElseThrow().title());
        assertTrue(registry.problems().getFirst().message().contains("replaces the built-in profile 'shithub'"));
    }

    @Test
    void brokenFilesDoNotStopTheGoodOnes() throws IOException {
        Files.writeString(dir.resolve("a-broken.json"), "{\"id\": ");
        ProfileRegistry registry = load("b-oban.json", GOOD);
        assertEquals(BUILT_INS.size() + 1, registry.profiles().size());
        assertEquals(1, registry.problems().size());
        assertTrue(registry.problems().getFirst().file().endsWith("a-broken.json"));
    }

    @Test
    void theUserDirectoryFollowsTheConfigDirProperty() {
        String before = System.getProperty("pitwall.config.dir");
        try {
            System.setProperty("pitwall.config.dir", dir.toString());
            assertEquals(dir.resolve("profiles"), ProfileLoader.userProfileDir());
        } finally {
            if (before == null) {
                System.clearProperty("pitwall.config.dir");
            } else {
                System.setProperty("pitwall.config.dir", before);
            }
        }
    }

    @Test
    void aQueuePlaceholderWithoutPerQueueDetectionIsReported() throws IOException {
        ProfileRegistry registry = load("queue.json", GOOD.replace("\"kind\": \"worker\"",
                "\"kind\": \"worker\", \"owner\": \"(SELECT r.holder FROM {schema}.\\\"r_{queue}\\\" r)\""));
        assertEquals(BUILT_INS, ids(registry));
        ProfileProblem problem = registry.problems().getFirst();
        assertEquals("tasks", problem.field());
        assertTrue(problem.message().startsWith("{queue} is only filled in for per-queue layouts"), problem.message());
    }
}
