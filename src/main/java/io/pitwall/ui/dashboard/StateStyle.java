package io.pitwall.ui.dashboard;

import io.pitwall.queue.CanonicalState;

import java.util.List;

/** How each canonical state looks, and which ones get the big numbers. */
final class StateStyle {

    /** The numbers an operator scans first: backlog, work in flight, failures. */
    static final List<CanonicalState> HEADLINE = List.of(CanonicalState.QUEUED, CanonicalState.RUNNING, CanonicalState.FAILED);
    static final List<CanonicalState> SECONDARY = List.of(CanonicalState.SCHEDULED, CanonicalState.PAUSED,
            CanonicalState.SUCCEEDED, CanonicalState.CANCELLED, CanonicalState.UNKNOWN);

    private StateStyle() {
    }

    static String styleClass(CanonicalState state) {
        return "state-" + state.name().toLowerCase();
    }

    static String label(CanonicalState state) {
        return state.name().charAt(0) + state.name().substring(1).toLowerCase();
    }
}
