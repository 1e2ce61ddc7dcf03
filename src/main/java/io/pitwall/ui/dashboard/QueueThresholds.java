package io.pitwall.ui.dashboard;

import java.time.Duration;

/**
 * When a queue needs someone: anything stuck, its oldest queued task older than {@code oldestQueued}, or more
 * than {@code failuresPerMinute} failures in the last finished minute.
 */
public record QueueThresholds(boolean stuck, Duration oldestQueued, long failuresPerMinute) {

    public static final QueueThresholds DEFAULT = new QueueThresholds(true, Duration.ofMinutes(10), 5);
}
