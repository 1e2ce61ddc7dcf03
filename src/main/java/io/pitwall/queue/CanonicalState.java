package io.pitwall.queue;

/** The states every queue system is mapped onto. A raw value a profile does not map is UNKNOWN, never hidden. */
public enum CanonicalState {
    QUEUED, SCHEDULED, RUNNING, PAUSED, SUCCEEDED, FAILED, CANCELLED, UNKNOWN;

    /** States where work is waiting or in flight; finished states only grow. */
    public boolean isActive() {
        return this == QUEUED || this == SCHEDULED || this == RUNNING || this == PAUSED;
    }
}
