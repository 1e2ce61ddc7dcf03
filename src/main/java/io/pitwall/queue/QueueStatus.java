package io.pitwall.queue;

import java.util.List;
import java.util.Map;

/**
 * Counts for one detected queue: one profile bound to one table (and, for per-queue schemas, one queue).
 *
 * @param estimated true when any of the counts is an estimate (see {@code accuracy})
 * @param rawCounts counts per raw state value, so an operator can see what a canonical state is made of
 * @param queues    counts per queue (and kind within it) where one table holds many queues ({@code tasks.queue});
 *                  empty otherwise
 * @param accuracy  how each canonical state's count was obtained; per kind and per queue only exact states are
 *                  broken down
 * @param missingIndexes indexes the profile needs for exact counts that this table lacks
 */
public record QueueStatus(String profileId, String title, String where, String queue,
                          StateCounts counts, boolean estimated, List<KindCounts> kinds,
                          Map<String, Long> rawCounts, List<QueueCounts> queues,
                          Map<CanonicalState, CountAccuracy> accuracy, List<MissingIndex> missingIndexes) {

    public QueueStatus {
        kinds = List.copyOf(kinds);
        queues = queues == null ? List.of() : List.copyOf(queues);
        accuracy = accuracy == null ? Map.of() : Map.copyOf(accuracy);
        missingIndexes = missingIndexes == null ? List.of() : List.copyOf(missingIndexes);
    }

    /** How this state's count was obtained; exact where nothing was recorded (a state no raw value maps to). */
    public CountAccuracy accuracyOf(CanonicalState state) {
        return accuracy.getOrDefault(state, CountAccuracy.FULL_COUNT);
    }
}
