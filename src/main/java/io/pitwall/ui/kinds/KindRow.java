package io.pitwall.ui.kinds;

import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.StateCounts;

import java.time.Duration;

/**
 * One kind of one queue, as the queues-and-kinds table shows it.
 *
 * @param oldestQueued how long its oldest queued task has waited, or null when none is queued (or no creation time)
 * @param estimated    states the queue only estimates as a whole, so no count per kind exists
 */
public record KindRow(String profileId, String where, String queueTitle, String kind, StateCounts counts,
                      Duration oldestQueued, java.util.Set<CanonicalState> estimated) {

    public KindRow {
        estimated = estimated == null ? java.util.Set.of() : java.util.Set.copyOf(estimated);
    }

    /** Counted for the whole table only (a planner estimate): this kind has no number of its own. */
    public boolean notBrokenDown(CanonicalState state) {
        return estimated.contains(state);
    }

    public String key() {
        return profileId + "|" + where + "|" + kind;
    }

    /** Nothing of this kind is taken by workers: what is waiting is all paused. */
    public boolean paused() {
        return counts.get(CanonicalState.PAUSED) > 0 && counts.get(CanonicalState.QUEUED) == 0;
    }

    public boolean partlyPaused() {
        return counts.get(CanonicalState.PAUSED) > 0 && counts.get(CanonicalState.QUEUED) > 0;
    }

    public String kindLabel() {
        return kind.isEmpty() ? "(no kind)" : kind;
    }
}
