package io.pitwall.ui.tasks;

import io.pitwall.queue.CanonicalState;

import java.util.List;

/** The states the list tab can show, and its title for each. */
final class StateWords {

    /** Failed first: it is what the tab is opened for most. */
    static final List<CanonicalState> LISTABLE = List.of(CanonicalState.FAILED, CanonicalState.QUEUED,
            CanonicalState.RUNNING, CanonicalState.SCHEDULED, CanonicalState.PAUSED, CanonicalState.CANCELLED,
            CanonicalState.SUCCEEDED, CanonicalState.UNKNOWN);

    private StateWords() {
    }

    static String title(CanonicalState state) {
        String name = state == null ? "failed" : state.name().toLowerCase();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
