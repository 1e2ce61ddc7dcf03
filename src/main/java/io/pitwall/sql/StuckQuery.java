package io.pitwall.sql;

import io.pitwall.queue.ThresholdOverride;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the query of one stuck rule. The threshold is resolved in SQL, per row, from bind parameters:
 * the run's per-kind threshold, else the run's, else the profile's per-kind, else the rule's per-row SQL,
 * else the rule's default. Thresholds reach SQL as parameters, never as text.
 */
public final class StuckQuery {

    /** The columns the query returns, in order. */
    public static final List<String> COLUMNS = List.of("id", "kind", "owner", "since", "age_secs", "threshold_secs", "value",
            "queue");

    private StuckQuery() {
    }

    /**
     * @param schema    the schema the profile was found in
     * @param taskTable the task table (unquoted), for {@code {tasks}}
     * @param queue     the queue name for per-queue layouts, or null
     */
    public static BoundSql build(String schema, String taskTable, String queue, TaskColumns tasks, StuckRule rule,
                                 List<ThresholdOverride> overrides, String kindFilter, int limit) {
        return build(schema, taskTable, queue, Map.of(), tasks, rule, overrides, kindFilter, limit);
    }

    /**
     * @param fallbacks the task table's absent optional columns and their stand-ins; applied only to a rule that
     *                  reads the task table, where alias {@code t} is that table
     */
    public static BoundSql build(String schema, String taskTable, String queue, Map<String, String> fallbacks,
                                 TaskColumns tasks, StuckRule rule, List<ThresholdOverride> overrides,
                                 String kindFilter, int limit) {
        return build(schema, taskTable, queue, fallbacks, tasks, rule, overrides, kindFilter, null, limit);
    }

    /**
     * @param ids only these rows (by the rule's key, compared as text), e.g. the tasks of one pipeline; null for all
     */
    public static BoundSql build(String schema, String taskTable, String queue, Map<String, String> fallbacks,
                                 TaskColumns tasks, StuckRule rule, List<ThresholdOverride> overrides,
                                 String kindFilter, java.util.Collection<String> ids, int limit) {
        Placeholders placeholders = new Placeholders(schema, taskTable, queue,
                rule.readsTaskTable() ? fallbacks : Map.of());
        String table = rule.readsTaskTable() ? Identifiers.qualified(schema, taskTable)
                : Identifiers.qualified(schema, rule.table().replace("{queue}", queue == null ? "" : queue));
        String key = placeholders.apply(rule.readsTaskTable() ? TaskColumns.expr(tasks.id()) : TaskColumns.expr(rule.key()));
        String kind = placeholders.apply(rule.kind() != null ? TaskColumns.expr(rule.kind())
                : rule.readsTaskTable() ? TaskColumns.exprOr(tasks.kind(), "NULL") : "NULL");
        String owner = placeholders.apply(rule.owner() != null ? TaskColumns.expr(rule.owner())
                : rule.readsTaskTable() ? TaskColumns.exprOr(tasks.owner(), "NULL") : "NULL");
        String since = placeholders.apply(TaskColumns.exprOr(rule.since(), "NULL"));
        String value = placeholders.apply(TaskColumns.exprOr(rule.value(), "NULL"));
        // The task's queue where one table holds many (tasks.queue), so checks and alerts can judge each queue.
        String taskQueue = placeholders.apply(rule.readsTaskTable() ? TaskColumns.exprOr(tasks.queue(), "NULL") : "NULL");

        List<Object> params = new ArrayList<>();
        String thresholdSecs = threshold(rule, overrides, kind, placeholders, value1 -> {
            params.add(value1);
            return "?";
        });
        String where = placeholders.apply(rule.where()).replace("{threshold}", "make_interval(secs => pw_th.secs)");

        StringBuilder sql = new StringBuilder()
                .append("SELECT (").append(key).append(")::text AS id, (").append(kind).append(")::text AS kind, (")
                .append(owner).append(")::text AS owner, (").append(since).append(")::timestamptz AS since, ")
                // Epochs, not now() - since: before PostgreSQL 17 an infinite timestamp cannot be subtracted.
                .append("(extract(epoch FROM now()) - extract(epoch FROM (").append(since).append(")))::float8 AS age_secs, ")
                .append("pw_th.secs AS threshold_secs, (").append(value).append(")::text AS value, (")
                .append(taskQueue).append(")::text AS queue")
                .append(" FROM ").append(table).append(" t CROSS JOIN LATERAL (SELECT ").append(thresholdSecs)
                .append(" AS secs) pw_th WHERE (").append(where).append(")");
        if (kindFilter != null) {
            sql.append(" AND (").append(kind).append(")::text = ?");
            params.add(kindFilter);
        }
        if (ids != null) {
            sql.append(" AND (").append(key).append(")::text = ANY(?)");
            params.add(ids.toArray(String[]::new));
        }
        sql.append(" ORDER BY 4 ASC NULLS FIRST, 1 LIMIT ?");
        params.add(limit);
        return new BoundSql(sql.toString(), params);
    }

    /**
     * The rule's threshold in seconds for the row {@code t} as SQL, read exactly as the stuck screen reads it; the
     * actions use this too, so an action and the stuck rule it acts on agree on one threshold per kind.
     *
     * @param kind SQL for the row's kind
     * @param bind registers a value and returns its placeholder (JDBC {@code ?} or a named parameter)
     */
    public static String thresholdSeconds(String schema, String taskTable, String queue, StuckRule rule, String kind,
                                          Function<Object, String> bind) {
        return threshold(rule, List.of(), kind, new Placeholders(schema, taskTable, queue, Map.of()), bind);
    }

    /**
     * A rule's SQL fragment with {@code {schema}}, {@code {tasks}}, {@code {table}} and {@code {queue}} filled in, its
     * {@code ?} left as written: for callers that escape the whole statement once (the runbook's named SQL).
     */
    public static String fill(String schema, String taskTable, String queue, String sql) {
        return new Placeholders(schema, taskTable, queue, Map.of()).raw(sql);
    }

    private static String threshold(StuckRule rule, List<ThresholdOverride> overrides, String kind,
                                    Placeholders placeholders, Function<Object, String> bind) {
        Duration runDefault = null;
        Map<String, Duration> perKind = new LinkedHashMap<>();
        for (ThresholdOverride override : overrides) {
            if (override.rule().equals(rule.id()) && override.kind() == null) {
                runDefault = override.threshold();
            }
        }
        if (runDefault == null) {
            rule.thresholds().forEach((k, text) -> perKind.put(k, io.pitwall.queue.Ages.parse(text)));
        }
        for (ThresholdOverride override : overrides) {
            if (override.rule().equals(rule.id()) && override.kind() != null) {
                perKind.put(override.kind(), override.threshold());
            }
        }
        StringBuilder json = new StringBuilder("{");
        perKind.forEach((k, d) -> json.append(json.length() > 1 ? "," : "").append(jsonString(k)).append(':')
                .append(d.toMillis() / 1000.0));
        json.append('}');
        String perKindJson = "CAST(" + bind.apply(json.toString()) + " AS jsonb)";
        String fallback;
        if (runDefault != null) {
            fallback = "CAST(" + bind.apply(runDefault.toMillis() / 1000.0) + " AS float8)";
        } else if (rule.thresholdSql() != null && !rule.thresholdSql().isBlank()) {
            fallback = "(" + placeholders.apply(rule.thresholdSql()) + ")::float8";
        } else {
            fallback = "CAST(" + bind.apply(rule.threshold() == null ? 0.0
                    : io.pitwall.queue.Ages.parse(rule.threshold()).toMillis() / 1000.0) + " AS float8)";
        }
        return "coalesce((" + perKindJson + " ->> (" + kind + ")::text)::float8, " + fallback + ")";
    }

    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private record Placeholders(String schema, String taskTable, String queue, Map<String, String> fallbacks) {
        String apply(String sql) {
            return JdbcText.escapePlaceholders(raw(sql));
        }

        String raw(String sql) {
            String text = OptionalColumns.apply(sql, fallbacks).replace("{schema}", Identifiers.quote(schema))
                    .replace("{tasks}", Identifiers.qualified(schema, taskTable))
                    .replace("{table}", Identifiers.qualified(schema, taskTable));
            return queue == null ? text : text.replace("{queue}", queue.replace("\"", "\"\""));
        }
    }
}
