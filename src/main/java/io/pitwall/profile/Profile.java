package io.pitwall.profile;

import io.pitwall.queue.CanonicalState;
import io.pitwall.sql.TaskColumns;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One queue system's schema mapped onto the canonical model. Profiles are data: built-in ones ship as
 * JSON resources and users add their own without rebuilding.
 *
 * @param states raw state value (as the state column or expression yields it) to canonical state
 */
public record Profile(String id, String title, String system, String source, String description,
                      Detect detect, TaskColumns tasks, Map<String, CanonicalState> states,
                      List<ActionSpec> actions) {

    public Profile {
        states = states == null ? Map.of() : Map.copyOf(states);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public CanonicalState canonical(String rawState) {
        if (rawState == null) {
            return CanonicalState.UNKNOWN;
        }
        return states.getOrDefault(rawState, CanonicalState.UNKNOWN);
    }

    public Optional<ActionSpec> action(String actionId) {
        return actions.stream().filter(a -> a.id().equals(actionId)).findFirst();
    }
}
