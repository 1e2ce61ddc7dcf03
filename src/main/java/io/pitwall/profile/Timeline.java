package io.pitwall.profile;

import io.pitwall.queue.CanonicalState;

import java.util.List;
import java.util.Map;

/**
 * How a profile draws a pipeline's timeline, beyond the task's own timestamps. Every field is optional.
 *
 * @param start   SQL over alias {@code t} for when a task's work began; default: claimed-at, else created-at
 * @param end     SQL over alias {@code t} for when a finished task ended; default: finished-at, else updated-at
 * @param history tables that keep a task's history (runs, attempts, checkpoints, events), one bar per row
 */
public record Timeline(String start, String end, List<History> history) {

    public Timeline {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /**
     * One history table in the task table's schema. Fields are a plain column name or SQL over alias {@code h}.
     *
     * @param name   what one row is, shown to the operator: {@code run}, {@code checkpoint}, {@code event}
     * @param table  the table; may contain {@code {queue}} for per-queue layouts (real Absurd's {@code r_{queue}})
     * @param taskId the column that holds the task's id (compared with the task table's id)
     * @param states raw state to canonical for this table; default: the profile's own map. A source with no
     *               state column shows its rows as {@code SUCCEEDED}
     * @param order  SQL over {@code h} that orders rows with no time (e.g. Broadleaf's setup_status)
     * @param array  instead of {@code table}: an array column (or SQL over {@code t}) of the task row whose elements
     *               are its history, as River and Oban keep {@code errors jsonb[]}. Each element is a row
     *               {@code h(value, position)}: {@code h.value} the element, {@code h.position} its 1-based place
     */
    public record History(String name, String table, String taskId, String id, String kind, String state,
                          String start, String end, String detail, String order,
                          Map<String, CanonicalState> states, String array) {

        public History {
            states = states == null ? Map.of() : Map.copyOf(states);
        }

        /** Whether the rows are the elements of an array on the task row rather than rows of another table. */
        public boolean fromArray() {
            return array != null && !array.isBlank();
        }
    }
}
