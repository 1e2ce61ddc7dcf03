package io.pitwall.sql;

import io.pitwall.queue.ThresholdOverride;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the query of one stuck rule. The threshold is resolved in SQL, per row, from bind parameters:
 * the run's per-kind threshold, else the run's, else the profile's per-kind, else the rule's per-row SQL,
 * else the rule's default. Thresholds reach SQL as parameters, never as text.
 */
public final class StuckQuery {

    /** The columns the query returns, in order. */
    public static final List<String> COLUMNS = List.of("id", "kind", "owner", "since", "age_secs", "threshold_secs", "value");

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

        List<Object> params = new ArrayList<>();
        String thresholdSecs = threshold(rule, overrides, kind, placeholders, params);
        String where = placeholders.apply(rule.where()).replace("{threshold}", "make_interval(secs => pw_th.secs)");

        StringBuilder sql = new StringBuilder()
                .append("SELECT (").append(key).append(")::text AS id, (").append(kind).append(")::text AS kind, (")
                .append(owner).append(")::text AS owner, (").append(since).append(")::timestamptz AS since, ")
                .append("extract(epoch FROM now() - (").append(since).append("))::float8 AS age_secs, ")
                .append("pw_th.secs AS threshold_secs, (").append(value).append(")::text AS value")
                .append(" FROM ").append(table).append(" t CROSS JOIN LATERAL (SELECT ").append(thresholdSecs)
                .append(" AS secs) pw_th WHERE (").append(where).append(")");
        if (kindFilter != null) {
            sql.append(" AND (").append(kind).append(")::text = ?");
            params.add(kindFilter);
        }
        sql.append(" ORDER BY 4 ASC NULLS FIRST, 1 LIMIT ?");
        params.add(limit);
        return new BoundSql(sql.toString(), params);
    }

    private static String threshold(StuckRule rule, List<ThresholdOverride> overrides, String kind,
                                    Placeholders placeholders, List<Object> params) {
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
        params.add(json.toString());
        String fallback;
        if (runDefault != null) {
            fallback = "?::float8";
            params.add(runDefault.toMillis() / 1000.0);
        } else if (rule.thresholdSql() != null && !rule.thresholdSql().isBlank()) {
            fallback = "(" + placeholders.apply(rule.thresholdSql()) + ")::float8";
        } else {
            fallback = "?::float8";
            params.add(rule.threshold() == null ? 0.0 : io.pitwall.queue.Ages.parse(rule.threshold()).toMillis() / 1000.0);
        }
        return "coalesce((?::jsonb ->> (" + kind + ")::text)::float8, " + fallback + ")";
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
            String text = OptionalColumns.apply(sql, fallbacks).replace("{schema}", Identifiers.quote(schema))
                    .replace("{tasks}", Identifiers.qualified(schema, taskTable))
                    .replace("{table}", Identifiers.qualified(schema, taskTable));
            return JdbcText.escapePlaceholders(
                    queue == null ? text : text.replace("{queue}", queue.replace("\"", "\"\"")));
        }
    }
}
