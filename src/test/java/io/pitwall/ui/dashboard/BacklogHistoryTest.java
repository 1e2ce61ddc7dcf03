package io.pitwall.ui.dashboard;

import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.StateCounts;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BacklogHistoryTest {

    @Test
    void keepsOneSampleEverySpacingAndNothingOlderThanAnHour() {
        BacklogHistory history = new BacklogHistory();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        StateCounts counts = StateCounts.EMPTY.plus(CanonicalState.QUEUED, 3);
        assertTrue(history.add(start, counts));
        assertFalse(history.add(start.plusMillis(1500), counts), "a refresh 1.5 s later is not kept");
        // Three hours of refreshes every 1.5 s.
        for (long ms = 1500; ms < 3 * 3600_000L; ms += 1500) {
            history.add(start.plusMillis(ms), counts);
        }
        assertTrue(history.size() <= BacklogHistory.MAX_SAMPLES, "bounded: " + history.size());
        // Refreshes every 1.5 s land a sample every 6 s: 600 in the hour.
        assertTrue(history.size() >= 600, "an hour's worth kept: " + history.size());
        Instant last = history.samples().getLast().at();
        assertFalse(history.samples().getFirst().at().isBefore(last.minus(BacklogHistory.WINDOW)));
        assertEquals(3, history.samples().getLast().counts().get(CanonicalState.QUEUED));
    }
}
