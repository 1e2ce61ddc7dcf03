package io.pitwall.queue;

import java.time.Instant;
import java.util.List;

/**
 * What a queue did over the last hour, from the tasks' own timestamps.
 *
 * @param perMinute     finished and failed tasks per minute, oldest first, only minutes with any
 * @param oldestQueued  when the oldest queued task was created, or null when none is queued or the schema
 *                      has no creation time
 * @param hasThroughput false when the schema keeps no finish time, so no throughput can be shown
 * @param unread        why a part was not read (a big table with no index to serve it), or null
 */
public record QueueTrend(String profileId, String where, Instant readAt, List<MinuteCount> perMinute,
                         Instant oldestQueued, boolean hasThroughput, String unread) {

    public QueueTrend {
        perMinute = List.copyOf(perMinute);
    }

    public QueueTrend(String profileId, String where, Instant readAt, List<MinuteCount> perMinute,
                      Instant oldestQueued, boolean hasThroughput) {
        this(profileId, where, readAt, perMinute, oldestQueued, hasThroughput, null);
    }

    public record MinuteCount(Instant minute, long succeeded, long failed) {
    }
}
