package io.pitwall.queue;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AgesTest {

    @Test
    void formatsAsAnOperatorReads() {
        assertEquals("45 s", Ages.format(Duration.ofSeconds(45)));
        assertEquals("10 min", Ages.format(Duration.ofMinutes(10)));
        assertEquals("2 h 5 min", Ages.format(Duration.ofMinutes(125)));
        assertEquals("3 d", Ages.format(Duration.ofDays(3)));
    }

    @Test
    void parsesWhatAnOperatorTypes() {
        assertEquals(Duration.ofMinutes(5), Ages.parse("5m"));
        assertEquals(Duration.ofSeconds(90), Ages.parse("90s"));
        assertEquals(Duration.ofMinutes(90), Ages.parse("1h30m"));
        assertEquals(Duration.ofSeconds(300), Ages.parse("300"));
        assertThrows(IllegalArgumentException.class, () -> Ages.parse("five minutes"));
        assertEquals(Duration.ofDays(7), Ages.parse("1w"));
        assertEquals(Duration.ofDays(7), Ages.parse("7d"));
        assertEquals(Duration.ofHours(2), Ages.parse("PT2H"), "ISO-8601, as audit --since always took");
        assertThrows(IllegalArgumentException.class, () -> Ages.parse("P2X"));
    }

    @Test
    void thresholdOverridesNameARuleAndOptionallyAKind() {
        assertEquals(new ThresholdOverride("lease-expired", null, Duration.ofMinutes(10)), ThresholdOverride.parse("lease-expired=10m"));
        assertEquals(new ThresholdOverride("lease-expired", "repo.push", Duration.ofMinutes(2)),
                ThresholdOverride.parse("lease-expired:repo.push=2m"));
        assertThrows(IllegalArgumentException.class, () -> ThresholdOverride.parse("lease-expired"));
    }

    @Test
    void futureTimesReadAsInNeverAsANegativeAge() {
        java.time.Instant now = java.time.Instant.parse("2026-12-01T12:00:00Z");
        assertEquals("in 61 min", Ages.relative(now.plus(Duration.ofMinutes(61)), now));
        assertEquals("in 47 h 59 min", Ages.relative(now.plus(Duration.ofMinutes(47 * 60 + 59)), now));
        assertEquals("61 min ago", Ages.relative(now.minus(Duration.ofMinutes(61)), now));
        assertEquals("now", Ages.relative(now, now));
    }

    @Test
    void postgresInfinityIsASentinelNotADate() {
        java.time.Instant now = java.time.Instant.parse("2026-12-01T12:00:00Z");
        // What the driver returns for 'infinity': PGStatement.DATE_POSITIVE_INFINITY milliseconds.
        java.time.Instant infinity = java.time.Instant.ofEpochMilli(9223372036825200000L);
        assertEquals(true, Ages.isInfinite(infinity));
        assertEquals("never (infinity)", Ages.relative(infinity, now));
        assertEquals(false, Ages.isInfinite(now.plus(Duration.ofDays(365 * 50))));
    }
}
