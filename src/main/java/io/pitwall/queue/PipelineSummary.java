package io.pitwall.queue;

import java.time.Instant;

/**
 * One pipeline in a picker: its key, how many tasks it has in which state, when it last moved, and the kinds of its
 * tasks (sorted, distinct), which name it better than a key that is a uuid.
 */
public record PipelineSummary(String profileId, String key, StateCounts counts, Instant lastActivity,
                              java.util.List<String> kinds) {

    public PipelineSummary {
        kinds = kinds == null ? java.util.List.of() : java.util.List.copyOf(kinds);
    }

    public PipelineSummary(String profileId, String key, StateCounts counts, Instant lastActivity) {
        this(profileId, key, counts, lastActivity, java.util.List.of());
    }

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
