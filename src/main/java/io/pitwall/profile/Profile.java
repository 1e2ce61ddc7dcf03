package io.pitwall.profile;

import io.pitwall.queue.CanonicalState;
import io.pitwall.sql.CountSpec;
import io.pitwall.sql.StuckRule;
import io.pitwall.sql.TaskColumns;
import io.pitwall.sql.WorkerSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One queue system's schema mapped onto the canonical model. Profiles are data: built-in ones ship as
 * JSON resources and users add their own without rebuilding.
 *
 * @param version which version of the system's schema this is, where one id has several (DSA-110's
 *                {@code absurd.t_tasks} then {@code absurd.tasks}); null when the profile has one
 * @param states raw state value (as the state column or expression yields it) to canonical state
 * @param labels what {@code show} and the console call a task field where the profile's meaning differs from its
 *               name: real Absurd's {@code heartbeat} is its claim's expiry, so {@code "heartbeat": "lease expires"}
 * @param timeline how a pipeline's timeline is drawn beyond the tasks' own timestamps; optional
 * @param stuck  the ways its tasks (and its other objects) get stuck; empty when the profile knows none
 * @param actions the runbook interventions it offers, each run by the safe-action executor; optional
 * @param workers tables that register workers or nodes, for the workers view; optional
 * @param counts  which rows are counted exactly from which index on a big table; optional, defaults from {@code states}
 * @param fragments named SQL fragments, already expanded wherever the profile says {@code {fragment:name}}; optional
 */
public record Profile(String id, String title, String system, String source, String description,
                      String version, Detect detect, TaskColumns tasks, Map<String, CanonicalState> states,
                      Map<String, String> labels, Timeline timeline, List<StuckRule> stuck, List<ActionSpec> actions,
                      List<WorkerSource> workers, CountSpec counts, Map<String, String> fragments) {

    public Profile {
        states = states == null ? Map.of() : Map.copyOf(states);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        timeline = timeline == null ? new Timeline(null, null, null) : timeline;
        stuck = stuck == null ? List.of() : List.copyOf(stuck);
        actions = actions == null ? List.of() : List.copyOf(actions);
        workers = workers == null ? List.of() : List.copyOf(workers);
        fragments = fragments == null ? Map.of() : Map.copyOf(fragments);
        counts = counts == null ? CountSpec.DEFAULTS : counts;
    }

    /** A profile with one version (tests and code that build profiles by hand). */
    public Profile(String id, String title, String system, String source, String description, Detect detect,
                   TaskColumns tasks, Map<String, CanonicalState> states, Timeline timeline, List<StuckRule> stuck,
                   List<ActionSpec> actions, List<WorkerSource> workers) {
        this(id, title, system, source, description, null, detect, tasks, states, Map.of(), timeline, stuck, actions,
                workers, null, null);
    }

    /** What a task field is called for this profile ({@code heartbeat} → {@code lease expires}). */
    public String label(String field) {
        return labels.getOrDefault(field, field);
    }

    /** The id, with the version where the id has several: {@code dsa110-absurd (absurd.tasks, since 2025-11-25)}. */
    public String label() {
        return version == null ? id : id + " (" + version + ")";
    }

    public CanonicalState canonical(String rawState) {
        if (rawState == null) {
            return CanonicalState.UNKNOWN;
        }
        return states.getOrDefault(rawState, CanonicalState.UNKNOWN);
    }

    /** The raw state values that map to one canonical state. */
    public List<String> rawStates(CanonicalState state) {
        return states.entrySet().stream().filter(e -> e.getValue() == state).map(Map.Entry::getKey).sorted().toList();
    }

    public Optional<ActionSpec> action(String actionId) {
        return actions.stream().filter(a -> a.id().equals(actionId)).findFirst();
    }
}
