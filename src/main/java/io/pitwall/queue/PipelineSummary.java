package io.pitwall.queue;

import java.time.Instant;

/** One pipeline in a picker: its key, how many tasks it has in which state, and when it last moved. */
public record PipelineSummary(String profileId, String key, StateCounts counts, Instant lastActivity) {

    /** The state an operator should see first: failed beats running beats queued beats done. */
    public CanonicalState headline() {
        for (CanonicalState state : new CanonicalState[]{CanonicalState.FAILED, CanonicalState.RUNNING,
                CanonicalState.QUEUED, CanonicalState.SCHEDULED, CanonicalState.PAUSED, CanonicalState.UNKNOWN,
                CanonicalState.CANCELLED, CanonicalState.SUCCEEDED}) {
            if (counts.get(state) > 0) {
                return state;
            }
        }
        return CanonicalState.UNKNOWN;
    }
}
