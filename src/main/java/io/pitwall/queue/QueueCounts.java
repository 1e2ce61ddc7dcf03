package io.pitwall.queue;

import java.util.List;

/**
 * Counts of one queue where one table holds many queues (River, Oban, pg-boss: the profile's {@code tasks.queue}),
 * with its kinds.
 */
public record QueueCounts(String queue, StateCounts counts, List<KindCounts> kinds) {

    public QueueCounts {
        kinds = List.copyOf(kinds);
    }
}
