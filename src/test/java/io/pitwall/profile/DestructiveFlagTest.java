package io.pitwall.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which actions end or remove work is the profile's to say ("destructive": true), not a verb list in the console:
 * the built-in profiles say it of every action that deletes, discards, cancels, fails or aborts work, and a user
 * profile that does not say gets "not red, confirmed as destructive".
 */
class DestructiveFlagTest {

    private static final String PROFILE = """
            {
              "id": "my-oban",
              "title": "Oban jobs",
              "detect": {"table": "oban_jobs", "columns": ["id:int", "state", "worker:text"]},
              "tasks": {"id": "id", "kind": "worker", "state": "state"},
              "states": {"available": "QUEUED", "executing": "RUNNING", "completed": "SUCCEEDED", "cancelled": "CANCELLED"},
              "actions": [
                {"id": "cancel", "title": "Cancel jobs", "verb": "Cancel", "noun": "job", "set": {"state": "'cancelled'"}},
                {"id": "zap", "title": "Zap jobs", "verb": "Zap", "noun": "job", "destructive": DESTRUCTIVE,
                 "statement": "DELETE FROM {table} t WHERE t.id = ANY({ids})"},
                {"id": "retry", "title": "Retry jobs", "verb": "Retry", "noun": "job", "destructive": false,
                 "set": {"state": "'available'"}}
              ]
            }
            """;

    @TempDir
    Path dir;

    @Test
    void theBuiltInProfilesMarkWhatEndsOrRemovesWork() {
        Map<String, Set<String>> marked = new TreeMap<>();
        for (Profile profile : new ProfileLoader().load(null).profiles()) {
            for (ActionSpec action : profile.actions()) {
                assertTrue(action.destructive() != null, profile.id() + "'s " + action.id()
                        + " says whether it ends work: a built-in action is never left to the cautious default");
                if (action.isDestructive()) {
                    marked.computeIfAbsent(profile.id(), p -> new TreeSet<>()).add(action.id());
                }
            }
        }
        assertEquals(Set.of("cancel", "fail-expired-claim"), marked.get("absurd"));
        assertEquals(Set.of("reelect-master"), marked.get("broadleaf"), "deletes the master row");
        assertEquals(Set.of("cancel"), marked.get("cloudgov-broker"));
        assertEquals(Set.of("cancel"), marked.get("dsa110-absurd"));
        assertEquals(Set.of("destroy", "discard"), marked.get("good-job"));
        assertEquals(Set.of("delete", "permanently-fail"), marked.get("graphile-worker"));
        assertEquals(Set.of("cancel", "delete", "discard"), marked.get("oban"));
        assertEquals(Set.of("cancel", "delete", "expire"), marked.get("pg-boss"));
        assertEquals(Set.of("abort", "cancel", "delete"), marked.get("procrastinate"));
        assertEquals(Set.of("cancel", "delete"), marked.get("river"));
        assertEquals(Set.of("discard"), marked.get("shithub-0018"));
        assertEquals(Set.of("discard"), marked.get("solid-queue"), "release and resume-queue delete rows but move work along");
        assertFalse(marked.containsKey("shithub"), "pause, resume and force re-lease move work along");
        assertFalse(marked.containsKey("permanent"));
    }

    @Test
    void aUserProfileSaysItOrGetsTheSafeDefault() throws IOException {
        Files.writeString(dir.resolve("my-oban.json"), PROFILE.replace("DESTRUCTIVE", "true"));
        ProfileRegistry registry = new ProfileLoader().load(dir);
        assertEquals(java.util.List.of(), registry.problems());
        Profile profile = registry.find("my-oban").orElseThrow();
        ActionSpec cancel = profile.action("cancel").orElseThrow();
        assertFalse(cancel.isDestructive(), "a verb alone no longer makes an action red: the profile did not say");
        assertTrue(cancel.confirmsAsDestructive(), "unknown is confirmed as carefully as destructive");
        ActionSpec zap = profile.action("zap").orElseThrow();
        assertTrue(zap.isDestructive(), "whatever its verb, the profile says it");
        assertTrue(zap.confirmsAsDestructive());
        ActionSpec retry = profile.action("retry").orElseThrow();
        assertFalse(retry.isDestructive());
        assertFalse(retry.confirmsAsDestructive(), "said to move work along");
    }

    @Test
    void aFlagThatIsNotABooleanIsRefusedNamingFileLineAndField() throws IOException {
        Files.writeString(dir.resolve("my-oban.json"), PROFILE.replace("DESTRUCTIVE", "\"very\""));
        ProfileRegistry registry = new ProfileLoader().load(dir);
        assertFalse(registry.find("my-oban").isPresent(), "not loaded with a guess");
        ProfileProblem problem = registry.problems().getFirst();
        assertEquals("actions[1].destructive", problem.field(), problem.toString());
        assertEquals(9, problem.line(), problem.toString()); // the zap action's line
        assertTrue(problem.toString().startsWith(dir.resolve("my-oban.json") + ":9:"), problem.toString());
    }
}
