package io.pitwall.sql;

import java.util.List;
import java.util.Map;

/**
 * One way a task (or another object of the same schema) gets stuck, as data in a profile.
 * <p>
 * The rule reads the task table, or with {@code table} another table of the same schema (alias {@code t} either
 * way). Its SQL fragments are trusted like the rest of a profile and may use these placeholders:
 * {@code {threshold}} (an interval: the per-run, per-kind or default threshold), {@code {schema}} (the quoted
 * schema), {@code {table}} or {@code {tasks}} (the quoted task table) and {@code {queue}} (the queue name, for use
 * inside a quoted identifier such as {@code {schema}."r_{queue}"}; in {@code table} and {@code requires} as is).
 *
 * @param id            what the operator and scripts see: {@code lease-expired}, {@code heartbeat-stale}, …
 * @param object        what a row is when it is not a task: {@code lock}, {@code master}, … (default {@code task})
 * @param table         another table of the same schema to read instead of the task table
 * @param key           the row's id when {@code table} is set (a column or expression); default the task id
 * @param kind          the row's kind when {@code table} is set; default the task kind
 * @param owner         the holder shown in the evidence; default the task owner
 * @param where         the predicate that makes a row stuck
 * @param since         when the condition began (a timestamp column or expression); its age is {@code {age}}
 * @param threshold     default threshold ("5m", "60s", "2h"); the runbook's value
 * @param thresholdSql  a per-row threshold in seconds (e.g. a timeout column), used where no per-kind one is set
 * @param thresholds    thresholds per kind, overriding the default
 * @param value         one more SQL value the evidence may show as {@code {value}}
 * @param evidence      the words for the operator, with {@code {owner}}, {@code {age}}, {@code {threshold}},
 *                      {@code {kind}}, {@code {id}} and {@code {value}}
 * @param requires      other tables of the schema the SQL reads; the rule is skipped where one is missing (e.g.
 *                      Broadleaf's node table has another name before 5.2)
 */
public record StuckRule(String id, String object, String table, String key, String kind, String owner,
                        String where, String since, String threshold, String thresholdSql,
                        Map<String, String> thresholds, String value, String evidence, List<String> requires) {

    public StuckRule {
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
        requires = requires == null ? List.of() : List.copyOf(requires);
        object = object == null || object.isBlank() ? "task" : object;
    }

    public boolean readsTaskTable() {
        return table == null || table.isBlank();
    }
}
