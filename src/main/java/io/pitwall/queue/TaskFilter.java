package io.pitwall.queue;

import java.time.Duration;

/**
 * What an operator narrows a list to. Every value ends up a bind parameter, never SQL.
 *
 * @param kind      exact kind, or null for all
 * @param text      text the error must contain (case-insensitive), or null
 * @param olderThan only tasks at least this old, or null
 * @param newerThan only tasks at most this old, or null
 * @param state     the canonical state a list of finished tasks shows; null means FAILED
 */
public record TaskFilter(String kind, String text, Duration olderThan, Duration newerThan, CanonicalState state) {

    public static final TaskFilter NONE = new TaskFilter(null, null, null, null);

    public TaskFilter(String kind, String text, Duration olderThan, Duration newerThan) {
        this(kind, text, olderThan, newerThan, null);
    }

    public CanonicalState stateOrFailed() {
        return state == null ? CanonicalState.FAILED : state;
    }

    public TaskFilter {
        kind = blankToNull(kind);
        text = blankToNull(text);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
