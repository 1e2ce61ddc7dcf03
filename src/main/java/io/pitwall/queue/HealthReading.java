package io.pitwall.queue;

import java.time.Instant;
import java.util.List;

/**
 * What one health read saw of a database: the counts, the stuck list and the last hour's trends. The three
 * parts may have been read at different moments when they are cached for different lengths of time.
 */
public record HealthReading(Instant takenAt, StatusSnapshot status, List<StuckItem> stuck, List<QueueTrend> trends) {

    public HealthReading {
        stuck = List.copyOf(stuck);
        trends = List.copyOf(trends);
    }
}
