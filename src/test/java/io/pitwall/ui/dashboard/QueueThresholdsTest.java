package io.pitwall.ui.dashboard;

import io.pitwall.queue.HealthMetric;
import io.pitwall.queue.HealthThreshold;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The console's thresholds are the check command's warnings: what one saves, the other reads the same. */
class QueueThresholdsTest {

    @Test
    void nothingSavedGivesTheDefaults() {
        assertEquals(new QueueThresholds(0, Duration.ofMinutes(10), 5), QueueThresholds.resolve(List.of(), "shithub", "q"));
    }

    @Test
    void theNarrowestSavedThresholdDecidesPerMetricAsInCheck() {
        List<HealthThreshold> saved = List.of(
                HealthThreshold.parse(HealthMetric.STUCK, "1,10"),
                HealthThreshold.parse(HealthMetric.STUCK, "shithub/shithub.jobs=4"),
                HealthThreshold.parse(HealthMetric.OLDEST_QUEUED, "shithub=,2h"),
                HealthThreshold.parse(HealthMetric.FAILURES_PER_MINUTE, "river/default=20"),
                // A per-kind limit is not about the queue as a whole.
                HealthThreshold.parse(HealthMetric.STUCK, "shithub/shithub.jobs/repo.push=9"));
        assertEquals(new QueueThresholds(3, Duration.ofHours(2), 5), QueueThresholds.resolve(saved, "shithub", "shithub.jobs"));
        assertEquals(new QueueThresholds(0, Duration.ofMinutes(10), 19), QueueThresholds.resolve(saved, "river", "default"));
    }

    @Test
    void whatTheConsoleWritesReadsBackTheSame() {
        QueueThresholds edited = new QueueThresholds(2, Duration.ofSeconds(5430), 0);
        List<HealthThreshold> saved = edited.asCheckLimits().entrySet().stream()
                .map(e -> HealthThreshold.parse(HealthMetric.of(e.getKey()), QueueThresholds.scope("p", "q") + "=" + e.getValue()))
                .toList();
        assertEquals(edited, QueueThresholds.resolve(saved, "p", "q"));
        assertEquals("3", edited.asCheckLimits().get("stuck"), "more than 2 stuck is check's warning at 3");
        assertEquals("90m", QueueThresholds.exact(Duration.ofMinutes(90)));
    }

    @Test
    void aThresholdBelowZeroIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new QueueThresholds(-1, Duration.ofMinutes(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new QueueThresholds(0, Duration.ZERO, 0));
    }
}
