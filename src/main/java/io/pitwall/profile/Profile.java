package io.pitwall.profile;

import io.pitwall.queue.CanonicalState;
import io.pitwall.sql.TaskColumns;

import java.util.Map;

/**
 * One queue system's schema mapped onto the canonical model. Profiles are data: built-in ones ship as
 * JSON resources and users add their own without rebuilding.
 *
 * @param states raw state value (as the state column or expression yields it) to canonical state
 * @param timeline how a pipeline's timeline is drawn beyond the tasks' own timestamps; optional
 */
public record Profile(String id, String title, String system, String source, String description,
                      Detect detect, TaskColumns tasks, Map<String, CanonicalState> states,
                      Timeline timeline) {

    public Profile {
        states = states == null ? Map.of() : Map.copyOf(states);
        timeline = timeline == null ? new Timeline(null, null, null) : timeline;
    }

    public CanonicalState canonical(String rawState) {
        if (rawState == null) {
            return CanonicalState.UNKNOWN;
        }
        return states.getOrDefault(rawState, CanonicalState.UNKNOWN);
    }
}
