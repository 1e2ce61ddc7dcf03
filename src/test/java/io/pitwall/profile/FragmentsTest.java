package io.pitwall.profile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Named SQL fragments: written once in a profile, used anywhere in it as {fragment:name}. */
class FragmentsTest {

    private static String profile(String fragments, String error, String guard) {
        return """
                {
                  "id": "frag",
                  "title": "Fragments",
                  "fragments": %s,
                  "detect": {"table": "jobs"},
                  "tasks": {"id": "id", "state": "state", "error": "%s"},
                  "states": {"queued": "QUEUED"},
                  "actions": [{"id": "retry", "title": "Retry", "verb": "Retry", "noun": "job",
                               "scope": "true", "guards": [{"refuse": "%s", "reason": "no"}], "set": {"state": "'queued'"}}]
                }
                """.formatted(fragments, error, guard);
    }

    private static ProfileParser.Parsed parse(String text) {
        return new ProfileParser().parse("test.json", text);
    }

    @Test
    void aFragmentIsExpandedInEveryPartAndMayUseAnother() {
        ProfileParser.Parsed parsed = parse(profile(
                "{\"last\": \"t.errors[cardinality(t.errors)]\", \"lastText\": \"{fragment:last}->>'error'\"}",
                "{fragment:lastText}", "{fragment:last} IS NULL"));
        assertEquals(List.of(), parsed.problems());
        Profile profile = parsed.profile().orElseThrow();
        assertEquals("t.errors[cardinality(t.errors)]->>'error'", profile.tasks().error());
        assertEquals("t.errors[cardinality(t.errors)] IS NULL", profile.actions().getFirst().guards().getFirst().refuse());
        assertEquals("t.errors[cardinality(t.errors)]->>'error'", profile.fragments().get("lastText"));
    }

    @Test
    void anUnknownFragmentIsReportedWithItsLineAndField() {
        ProfileParser.Parsed parsed = parse(profile("{\"last\": \"t.x\"}", "{fragment:lats}", "false"));
        assertTrue(parsed.profile().isEmpty());
        ProfileProblem problem = parsed.problems().getFirst();
        assertEquals(6, problem.line());
        assertEquals("tasks.error", problem.field());
        assertTrue(problem.message().contains("unknown fragment 'lats'; declared: last"), problem.message());
    }

    @Test
    void fragmentsThatReferToEachOtherInACircleAreRefused() {
        ProfileParser.Parsed parsed = parse(profile("{\"a\": \"{fragment:b}\", \"b\": \"x AND {fragment:a}\"}",
                "{fragment:a}", "false"));
        assertTrue(parsed.profile().isEmpty());
        assertTrue(parsed.problems().getFirst().message().contains("in a circle: a -> b -> a"),
                parsed.problems().getFirst().message());
    }

    @Test
    void aReferenceWithoutAnyFragmentsSaysSo() {
        ProfileParser.Parsed parsed = parse(profile("null", "{fragment:last}", "false"));
        assertTrue(parsed.problems().getFirst().message().contains("declares no \"fragments\""),
                parsed.problems().getFirst().message());
    }
}
