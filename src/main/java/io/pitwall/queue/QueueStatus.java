package io.pitwall.queue;

import java.util.List;
import java.util.Map;

/**
 * Counts for one detected queue: one profile bound to one table (and, for per-queue schemas, one queue).
 *
 * @param estimated true when the counts come from a table sample rather than an exact count
 * @param rawCounts counts per raw state value, so an operator can see what a canonical state is made of
 * @param queues    counts per queue (and kind within it) where one table holds many queues ({@code tasks.queue});
 *                  empty otherwise
 */
public record QueueStatus(String profileId, String title, String where, String queue,
                          StateCounts counts, boolean estimated, List<KindCounts> kinds,
                          Map<String, Long> rawCounts, List<QueueCounts> queues) {

    public QueueStatus {
        kinds = List.copyOf(kinds);
        queues = queues == null ? List.of() : List.copyOf(queues);
    }
}
