package io.pitwall.monitor.health;

import io.pitwall.queue.HealthMetric;
import io.pitwall.queue.HealthSeverity;
import io.pitwall.queue.HealthThreshold;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The threshold syntax the check command and checks.json share: [SCOPE=]WARN[,CRIT]. */
class HealthThresholdTest {

    @Test
    void warnAndCriticalJudgeAtOrAbove() {
        HealthThreshold t = HealthThreshold.parse(HealthMetric.DEPTH, "100,1000");
        assertEquals(HealthSeverity.OK, t.judge(99));
        assertEquals(HealthSeverity.WARNING, t.judge(100));
        assertEquals(HealthSeverity.WARNING, t.judge(999));
        assertEquals(HealthSeverity.CRITICAL, t.judge(1000));
    }

    @Test
    void criticalOnlyAndWarningOnly() {
        HealthThreshold critical = HealthThreshold.parse(HealthMetric.STUCK, ",5");
        assertNull(critical.warn());
        assertEquals(HealthSeverity.OK, critical.judge(4));
        assertEquals(HealthSeverity.CRITICAL, critical.judge(5));
        HealthThreshold warn = HealthThreshold.parse(HealthMetric.STUCK, "1");
        assertEquals(HealthSeverity.WARNING, warn.judge(400));
    }

    @Test
    void durationsForTheOldestQueuedAge() {
        HealthThreshold t = HealthThreshold.parse(HealthMetric.OLDEST_QUEUED, "15m,1h");
        assertEquals(900.0, t.warn());
        assertEquals(3600.0, t.critical());
    }

    @Test
    void scopesNameProfileQueueAndKindWithWildcards() {
        HealthThreshold t = HealthThreshold.parse(HealthMetric.DEPTH, "shithub/*/repo.push=50,200");
        assertEquals("shithub", t.profile());
        assertNull(t.queue());
        assertEquals("repo.push", t.kind());
        assertTrue(t.covers("shithub", "shithub.jobs", "repo.push"));
        assertFalse(t.covers("shithub", "shithub.jobs", null), "a kind's limit is not the queue's");
        assertFalse(t.covers("shithub", "shithub.jobs", "email"));
        assertFalse(t.covers("oban", "public.oban_jobs", "repo.push"));
        HealthThreshold queueWide = HealthThreshold.parse(HealthMetric.DEPTH, "absurd/imaging=10");
        assertTrue(queueWide.covers("absurd", "imaging", null));
        assertFalse(queueWide.covers("absurd", "default", null));
        assertTrue(t.specificity() > queueWide.specificity() - 2);
        assertTrue(queueWide.specificity() > HealthThreshold.parse(HealthMetric.DEPTH, "absurd=10").specificity());
        assertEquals("shithub/*/repo.push", t.scopeText());
    }

    @Test
    void nonsenseIsRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> HealthThreshold.parse(HealthMetric.DEPTH, "lots"));
        assertThrows(IllegalArgumentException.class, () -> HealthThreshold.parse(HealthMetric.DEPTH, "-1"));
        assertThrows(IllegalArgumentException.class, () -> HealthThreshold.parse(HealthMetric.DEPTH, ","));
        assertThrows(IllegalArgumentException.class, () -> HealthThreshold.parse(HealthMetric.DEPTH, "1,2,3"));
        assertThrows(IllegalArgumentException.class, () -> HealthThreshold.parse(HealthMetric.DEPTH, "a/b/c/d=1"));
        IllegalArgumentException inverted = assertThrows(IllegalArgumentException.class,
                () -> HealthThreshold.parse(HealthMetric.DEPTH, "10,5"));
        assertTrue(inverted.getMessage().contains("below the warning"), inverted.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HealthThreshold.parse(HealthMetric.OLDEST_QUEUED, "soon"));
        assertThrows(IllegalArgumentException.class, () -> HealthMetric.of("latency"));
    }
}
