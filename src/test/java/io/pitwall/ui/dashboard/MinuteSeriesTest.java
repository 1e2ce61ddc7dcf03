package io.pitwall.ui.dashboard;

import io.pitwall.queue.QueueTrend;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MinuteSeriesTest {

    private static QueueTrend trend(String readAt, QueueTrend.MinuteCount... minutes) {
        return new QueueTrend("p", "s.t", Instant.parse(readAt), List.of(minutes), null, true);
    }

    private static QueueTrend.MinuteCount minute(String at, long succeeded, long failed) {
        return new QueueTrend.MinuteCount(Instant.parse(at), succeeded, failed);
    }

    @Test
    void theMinuteUnderWayIsNotAPointOfTheLineButItsRateSoFar() {
        // 20 a minute, steadily; 30 s into 10:05 only 10 have finished.
        MinuteSeries series = MinuteSeries.of(trend("2026-01-01T10:05:30Z",
                minute("2026-01-01T10:03:00Z", 20, 1), minute("2026-01-01T10:04:00Z", 20, 0),
                minute("2026-01-01T10:05:00Z", 10, 1)), Duration.ofHours(1));
        MinuteSeries.Point last = series.complete().getLast();
        assertEquals(Instant.parse("2026-01-01T10:04:00Z").getEpochSecond(), last.x(), "the last finished minute");
        assertEquals(20, last.succeeded());
        assertEquals(60, series.complete().size(), "one point per finished minute of the hour, zeros too");
        assertTrue(series.complete().stream().noneMatch(p -> p.x() == Instant.parse("2026-01-01T10:05:00Z")
                .getEpochSecond()), "the minute under way is no plain point: its 10 would read as a halving");
        assertEquals(2, series.partial().size());
        assertEquals(last, series.partial().getFirst(), "the dashed part starts where the line ends");
        MinuteSeries.Point now = series.partial().getLast();
        assertEquals(Instant.parse("2026-01-01T10:05:30Z").getEpochSecond(), now.x());
        assertEquals(20.0, now.succeeded(), 1e-9, "10 in 30 s is 20 a minute: no collapse");
        assertEquals(2.0, now.failed(), 1e-9);
        assertEquals(10, series.soFar().succeeded());
        assertEquals(Instant.parse("2026-01-01T10:05:30Z").getEpochSecond(), series.upperBound());
    }

    @Test
    void aMinuteOnlySecondsOldIsLeftOutUntilItsRateMeansSomething() {
        MinuteSeries series = MinuteSeries.of(trend("2026-01-01T10:05:05Z",
                minute("2026-01-01T10:04:00Z", 20, 0), minute("2026-01-01T10:05:00Z", 1, 0)), Duration.ofHours(1));
        assertTrue(series.partial().isEmpty(), "1 task in 5 s is no rate to draw");
        assertEquals(1, series.soFar().succeeded(), "but its count is still told");
        assertEquals(20, series.complete().getLast().succeeded());
    }

    @Test
    void aQuietMinuteUnderWayStillDropsWhenWorkStops() {
        MinuteSeries series = MinuteSeries.of(trend("2026-01-01T10:05:50Z",
                minute("2026-01-01T10:04:00Z", 20, 0)), Duration.ofHours(1));
        assertEquals(0.0, series.partial().getLast().succeeded(), "50 s with nothing finished is a real drop");
    }
}
