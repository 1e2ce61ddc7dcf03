package io.pitwall.profile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One runbook intervention, as data. The executor in {@code io.pitwall.runbook} runs every action the same way:
 * preview, lock with SKIP LOCKED, re-check the guards, apply, audit, commit.
 *
 * @param verb        what the confirm dialog and the audit say the action does ("Requeue")
 * @param noun        what one row is, singular ("failed task")
 * @param table       the table whose rows the action selects and locks; null means the profile's task table,
 *                    otherwise a table in the same schema (for example {@code service_instance})
 * @param idColumn    that table's id column; null means the profile's task id
 * @param show        for another table: SQL over alias {@code t} for {@code state}, {@code holder} and
 *                    {@code since} shown in the preview (the task table uses the profile's columns)
 * @param requires    selectors the operator must give: {@code task} or {@code kind}
 * @param scope       SQL over alias {@code t}: the rows a bulk request (no {@code --task}) selects
 * @param stuck       SQL over alias {@code t} that {@code --stuck} adds; null if the action has none
 * @param guards      re-checked on the locked rows; the first that holds refuses the row with its reason
 * @param set         column to SQL expression: the action is an UPDATE of the locked rows
 * @param statement   instead of {@code set}: a statement run once per batch, with {@code {table}},
 *                    {@code {schema}} and {@code {ids}} (the locked, guarded ids) filled in
 * @param undo        {@code "restore"} when undo may put the {@code set} columns back from the before image
 * @param noUndo      why there is no undo, said to the operator who asks for one
 * @param largeCount  from this many rows the confirm dialog asks for the count to be typed
 * @param requiresFunction functions the action calls, {@code name} (in the bound schema) or {@code schema.name}:
 *                    where one is missing (Absurd before 0.2.0 has no {@code retry_task}) the action is not offered
 * @param requiresColumn columns the action reads or writes, {@code column} (of its table) or {@code table.column}
 *                    (a table of the same schema, {@code {queue}} filled in); likewise not offered without them
 * @param warning     what the operator must know before and after, said in every preview and result (shithub-0018:
 *                    jobs enqueued after a pause are not paused)
 * @param object      for another table: the stuck-rule object its rows are ({@code lock}, {@code master}), so a
 *                    stuck row of that object offers this action
 * @param on          {@code queue}: the action's rows are queues, named with {@code --task}, not rows of a table
 *                    (Solid Queue's pause inserts a row into {@code solid_queue_pauses}); default: rows of a table
 * @param locks       statements that lock other rows before the action's own rows, in the queue system's own lock
 *                    order (Solid Queue locks a job's execution rows before touching the job; real Absurd locks a
 *                    task's live run rows before its task row), or the rows a guard reads (the service instance of
 *                    an operation); each with {@code {ids}} (the batch's ids); they wait at most the lock timeout
 * @param destructive true when the action ends or removes work rather than moving it along (delete, discard,
 *                    cancel, fail, abort): it goes last in a row's menu, in red, and its confirm dialog's default
 *                    button is Cancel. False: it moves work along. Absent (null): not known, so not shown in red,
 *                    but confirmed as carefully as a destructive one (Cancel is the default button)
 */
public record ActionSpec(String id, String title, String verb, String noun, String description,
                         String table, String idColumn, Map<String, String> show, List<String> requires,
                         List<ActionParameter> parameters, String scope, String stuck, List<ActionGuard> guards,
                         Map<String, String> set, String statement, String undo, String noUndo,
                         Integer largeCount, String warning, String object, List<String> requiresFunction,
                         List<String> requiresColumn, String on, List<String> locks, Boolean destructive) {

    public ActionSpec {
        show = show == null ? Map.of() : Map.copyOf(show);
        requires = requires == null ? List.of() : List.copyOf(requires);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        guards = guards == null ? List.of() : List.copyOf(guards);
        requiresFunction = requiresFunction == null ? List.of() : List.copyOf(requiresFunction);
        requiresColumn = requiresColumn == null ? List.of() : List.copyOf(requiresColumn);
        locks = locks == null ? List.of() : List.copyOf(locks);
        // LinkedHashMap keeps the profile author's column order in the SQL the operator reads
        set = set == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(set));
    }

    /** Said by the profile to end or remove work: last in the menu, in red. */
    public boolean isDestructive() {
        return Boolean.TRUE.equals(destructive);
    }

    /**
     * Confirmed as a destructive action is (Cancel the default button): a destructive one, and one whose profile
     * does not say (a user profile written before the flag existed), since unknown must not mean safe.
     */
    public boolean confirmsAsDestructive() {
        return !Boolean.FALSE.equals(destructive);
    }

    public boolean undoable() {
        return "restore".equals(undo) && !set.isEmpty();
    }

    /** The stuck-rule object this action acts on: {@code task} on the task table. */
    public String objectOrTask() {
        return object == null || object.isBlank() ? "task" : object;
    }

    public boolean onTaskTable() {
        return table == null && !onQueues();
    }

    /** The rows are queue names, not table rows: an INSERT, UPSERT or DELETE keyed by the queue. */
    public boolean onQueues() {
        return "queue".equals(on);
    }

    public int largeCountOrDefault() {
        return largeCount == null ? 20 : largeCount;
    }

    public Optional<ActionParameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Whether a guard reads rows other than the one it checks: then rows are checked and applied one at a time. */
    public boolean guardsReadOtherRows() {
        return guards.stream().anyMatch(ActionGuard::readsOtherRows);
    }

    /**
     * An operator's value for a parameter; bound, never spliced.
     *
     * @param min for {@code int}: the smallest value accepted (a liveness threshold's floor from the runbook)
     * @param max for {@code int}: the largest value accepted
     */
    public record ActionParameter(String name, String type, String description, String defaultValue,
                                  List<String> choices, Boolean required, Integer min, Integer max) {

        public ActionParameter {
            choices = choices == null ? List.of() : List.copyOf(choices);
        }

        public boolean isRequired() {
            return Boolean.TRUE.equals(required) && defaultValue == null;
        }
    }

    /**
     * @param refuse SQL over alias {@code t} that is true for a row the action must not touch
     * @param reason said for such a row; {@code {state}}, {@code {holder}} and {@code {param}} are filled in
     * @param otherRows true when {@code refuse} reads other rows (another operation of the same instance): the
     *                  executor then checks and applies one row at a time, so the guard also holds within a batch
     */
    public record ActionGuard(String refuse, String reason, Boolean otherRows) {

        public boolean readsOtherRows() {
            return Boolean.TRUE.equals(otherRows);
        }
    }
}
