package io.pitwall.cli;

import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.CountAccuracy;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.StateCounts;
import io.pitwall.queue.StatusSnapshot;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A number counted in the background says so with its age, in JSON (method "counted", countedAt, ageSeconds: fields
 * added beside method and source, nothing renamed) and in text ("counted 42 s ago"); a background count is not an
 * estimate, and a state counted now keeps method "exact" and no age.
 */
class CountedLabelTest {

    private static StatusSnapshot snapshot(Instant now) {
        Map<CanonicalState, CountAccuracy> accuracy = new EnumMap<>(CanonicalState.class);
        for (CanonicalState state : CanonicalState.values()) {
            accuracy.put(state, CountAccuracy.FROM_INDEX);
        }
        accuracy.put(CanonicalState.SUCCEEDED, CountAccuracy.counted("full count", now.minusSeconds(42)));
        StateCounts counts = StateCounts.EMPTY.plus(CanonicalState.QUEUED, 5_000)
                .plus(CanonicalState.SUCCEEDED, 9_982_000);
        QueueStatus jobs = new QueueStatus("shithub", "shithub jobs", "shithub.jobs", null, counts, false, List.of(),
                Map.of("queued", 5_000L, "completed", 9_982_000L), List.of(), accuracy, List.of());
        return new StatusSnapshot(now, Duration.ofMillis(2), List.of(jobs));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonGivesTheMethodAndTheAgeOfABackgroundCount() {
        Instant now = Instant.parse("2026-12-02T00:10:00Z");
        Map<String, Object> profile = ((List<Map<String, Object>>) StatusCommand.json(snapshot(now)).get("profiles"))
                .getFirst();
        Map<String, Map<String, Object>> accuracy = (Map<String, Map<String, Object>>) profile.get("accuracy");
        Map<String, Object> succeeded = accuracy.get("SUCCEEDED");
        assertEquals("counted", succeeded.get("method"));
        assertEquals("full count", succeeded.get("source"));
        assertEquals("2026-12-02T00:09:18Z", succeeded.get("countedAt"));
        assertEquals(42L, succeeded.get("ageSeconds"));
        Map<String, Object> queued = accuracy.get("QUEUED");
        assertEquals("exact", queued.get("method"));
        assertFalse(queued.containsKey("ageSeconds"), "a count of this refresh has no age");
        assertEquals(false, profile.get("estimated"), "a background count is exact, not an estimate");
        assertEquals(9_982_000L, ((Map<String, Long>) profile.get("counts")).get("SUCCEEDED"));
    }

    @Test
    void textSaysCountedNSecondsAgo() {
        StringWriter text = new StringWriter();
        new StatusCommand(new Output(new PrintWriter(text))).printText(snapshot(Instant.now()));
        String line = text.toString();
        assertTrue(line.contains("SUCCEEDED 9982000 (counted 42 s ago)"), line);
        assertTrue(line.contains("QUEUED 5000"), line);
        assertFalse(line.contains("≈"), "nothing here is an estimate: " + line);
    }
}
