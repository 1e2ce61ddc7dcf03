package io.pitwall.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files that used to stop every command, or every later file, are each reported and skipped; the rest load. */
class ProfileLoadChecksTest {

    private static final String GOOD = """
            {
              "id": "my-oban",
              "title": "Oban jobs",
              "detect": {"table": "oban_jobs", "columns": ["id:int", "state", "worker:text"]},
              "tasks": {"id": "id", "kind": "worker", "state": "state"},
              "states": {"available": "QUEUED", "executing": "RUNNING", "completed": "SUCCEEDED"}
            }
            """;

    private static final String ACTION = """
              ,"actions": [{"title": "Retry", "verb": "Retry", "noun": "job", "scope": "t.state = 'discarded'",
                           "set": {"state": "'available'"}}]
            }
            """;

    @TempDir
    Path dir;

    private ProfileRegistry load() {
        return new ProfileLoader().load(dir);
    }

    private static String withoutLastBrace(String json) {
        return json.substring(0, json.lastIndexOf('}'));
    }

    private static List<String> messages(ProfileRegistry registry) {
        return registry.problems().stream().map(ProfileProblem::toString).toList();
    }

    @Test
    void aFileHoldingNullIsReportedNotANullPointer() throws IOException {
        Files.writeString(dir.resolve("a-null.json"), "null\n");
        Files.writeString(dir.resolve("b-oban.json"), GOOD);
        ProfileRegistry registry = load();
        assertTrue(registry.find("my-oban").isPresent(), "the later good file still loads");
        assertEquals(List.of(dir.resolve("a-null.json") + ":1: holds no profile (the document is JSON null)"),
                messages(registry));
    }

    @Test
    void invalidUtf8IsReportedAndLaterFilesStillLoad() throws IOException {
        byte[] latin1 = GOOD.replace("Oban jobs", "Oban t\u00e2ches").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("a-latin1.json"), latin1);
        Files.writeString(dir.resolve("b-oban.json"), GOOD.replace("\"my-oban\"", "\"my-oban-two\""));
        ProfileRegistry registry = load();
        assertTrue(registry.find("my-oban-two").isPresent());
        assertFalse(registry.find("my-oban").isPresent(), "no profile is made from undecodable text");
        assertEquals(1, registry.problems().size(), messages(registry).toString());
        assertTrue(messages(registry).getFirst().startsWith(dir.resolve("a-latin1.json") + ": is not UTF-8 text"),
                messages(registry).toString());
    }

    @Test
    void aFolderNamedLikeAProfileIsSkippedAndLaterFilesStillLoad() throws IOException {
        Files.createDirectory(dir.resolve("a.json"));
        Files.writeString(dir.resolve("b-oban.json"), GOOD);
        ProfileRegistry registry = load();
        assertTrue(registry.find("my-oban").isPresent());
        assertEquals(List.of(dir.resolve("a.json") + ": is a folder, not a profile file; skipped"), messages(registry));
    }

    @Test
    void anActionWithoutIdFailsLoadingNotAct() throws IOException {
        Files.writeString(dir.resolve("oban.json"), withoutLastBrace(GOOD) + ACTION);
        ProfileRegistry registry = load();
        assertFalse(registry.find("my-oban").isPresent());
        ProfileProblem problem = registry.problems().getFirst();
        assertEquals("actions[0].id", problem.field());
        assertTrue(problem.message().contains("each action needs an id"), problem.message());
    }

    @Test
    void anActionWithNeitherSetNorStatementIsReported() throws IOException {
        Files.writeString(dir.resolve("oban.json"), withoutLastBrace(GOOD)
                + ACTION.replace("\"title\"", "\"id\": \"retry\", \"title\"").replace(",\n               \"set\": {\"state\": \"'available'\"}", ""));
        ProfileProblem problem = load().problems().getFirst();
        assertTrue(problem.message().contains("action 'retry' needs 'set' (columns to update) or 'statement'"),
                problem.toString());
    }

    @Test
    void twoUserFilesWithOneIdSayWhichUserFileIsReplacedNotABuiltIn() throws IOException {
        Files.writeString(dir.resolve("a-oban.json"), GOOD);
        Files.writeString(dir.resolve("b-oban.json"), GOOD.replace("Oban jobs", "Oban jobs, second"));
        ProfileRegistry registry = load();
        assertEquals("Oban jobs, second", registry.find("my-oban").orElseThrow().title());
        assertEquals(1, registry.versions("my-oban").size());
        String message = registry.problems().getFirst().toString();
        assertTrue(message.contains("replaces user profile 'my-oban' from file " + dir.resolve("a-oban.json")), message);
        assertFalse(message.contains("built-in"), message);
        assertEquals(dir.resolve("b-oban.json").toString(), registry.file(registry.find("my-oban").orElseThrow()));
    }

    @Test
    void replacingABuiltInStillSaysBuiltIn() throws IOException {
        Files.writeString(dir.resolve("permanent.json"), GOOD.replace("\"my-oban\"", "\"permanent\""));
        ProfileRegistry registry = load();
        assertTrue(messages(registry).getFirst().contains("replaces the built-in profile 'permanent'"), messages(registry).toString());
        assertEquals("builtin:shithub.json", registry.file(registry.find("shithub").orElseThrow()));
    }

    @Test
    void trailingContentAfterTheProfileIsAnError() throws IOException {
        Files.writeString(dir.resolve("oban.json"), GOOD + "\n{\"id\": \"second\"}\n");
        ProfileRegistry registry = load();
        assertFalse(registry.find("my-oban").isPresent());
        assertEquals(1, registry.problems().size());
    }
}
