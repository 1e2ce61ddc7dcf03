package io.pitwall.profile;

import io.pitwall.sql.BoundSql;
import io.pitwall.sql.Identifiers;
import io.pitwall.sql.JdbcText;
import io.pitwall.sql.StuckQuery;
import io.pitwall.sql.StuckRule;
import io.pitwall.sql.TaskColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks every SQL fragment of a bound profile against the database once, when it is bound: each is planned with
 * {@code EXPLAIN}, never run, so a misspelt column or a missing function shows up at detection, naming the file,
 * profile and field with the database's own message, instead of failing every read later.
 */
final class BindingCheck {

    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z_][A-Za-z0-9_]*)");

    private final Connection connection;
    private final Catalog catalog;
    private final String file;

    BindingCheck(Connection connection, Catalog catalog, String file) {
        this.connection = connection;
        this.catalog = catalog;
        this.file = file;
    }

    /** What the database rejects in this binding's SQL; empty when every fragment plans. */
    List<ProfileProblem> check(Binding binding) throws SQLException {
        Map<String, String> checks = new LinkedHashMap<>();
        String table = binding.qualifiedTable();
        TaskColumns tasks = binding.tasks();
        Map<String, String> fields = taskFields(tasks);
        fields.forEach((field, sql) -> checks.put("tasks." + field, "SELECT " + sql + " FROM " + table + " t"));
        Timeline timeline = binding.profile().timeline();
        putOver(checks, "timeline.start", bind(timeline.start(), binding), table);
        putOver(checks, "timeline.end", bind(timeline.end(), binding), table);
        for (int i = 0; i < timeline.history().size(); i++) {
            history(checks, "timeline.history[" + i + "]", timeline.history().get(i), binding);
        }
        for (int i = 0; i < binding.profile().actions().size(); i++) {
            ActionSpec action = binding.profile().actions().get(i);
            if (binding.whyNotOffered(action.id()) == null) {
                action(checks, "actions[" + i + "] (" + action.id() + ")", action, binding);
            }
        }
        List<ProfileProblem> problems = new ArrayList<>();
        for (Map.Entry<String, String> check : checks.entrySet()) {
            String error = explain(check.getValue(), List.of());
            if (error != null) {
                problems.add(problem(binding, check.getKey(), error));
            }
        }
        for (int i = 0; i < binding.profile().stuck().size(); i++) {
            StuckRule rule = binding.profile().stuck().get(i);
            if (!tablesPresent(binding, rule)) {
                continue; // the reader skips such a rule too (an older version's table name)
            }
            BoundSql sql = StuckQuery.build(binding.schema(), binding.table(), binding.queue(), binding.fallbacks(), tasks,
                    rule, List.of(), null, 1);
            String error = explain(sql.sql(), sql.params());
            if (error != null) {
                problems.add(problem(binding, "stuck[" + i + "] (" + rule.id() + ")", error));
            }
        }
        return problems;
    }

    private ProfileProblem problem(Binding binding, String field, String error) {
        return new ProfileProblem(file, 0, field, "profile '" + binding.profile().id() + "' on " + binding.where()
                + ": the database says: " + error);
    }

    private static Map<String, String> taskFields(TaskColumns tasks) {
        Map<String, String> fields = new LinkedHashMap<>();
        String[] names = {"id", "kind", "state", "owner", "claimedAt", "heartbeat", "attempts", "maxAttempts", "error",
                "payload", "createdAt", "updatedAt", "finishedAt", "scheduledAt", "pipelineKey", "queue"};
        String[] values = {tasks.id(), tasks.kind(), tasks.state(), tasks.owner(), tasks.claimedAt(), tasks.heartbeat(),
                tasks.attempts(), tasks.maxAttempts(), tasks.error(), tasks.payload(), tasks.createdAt(),
                tasks.updatedAt(), tasks.finishedAt(), tasks.scheduledAt(), tasks.pipelineKey(), tasks.queue()};
        for (int i = 0; i < names.length; i++) {
            String sql = TaskColumns.expr(values[i]);
            if (sql != null) {
                fields.put(names[i], sql);
            }
        }
        return fields;
    }

    private static void putOver(Map<String, String> checks, String field, String sql, String table) {
        if (sql != null && !sql.isBlank()) {
            checks.put(field, "SELECT (" + sql + ") FROM " + table + " t");
        }
    }

    private void history(Map<String, String> checks, String field, Timeline.History history, Binding binding) {
        String join;
        if (history.fromArray()) {
            join = " FROM " + binding.qualifiedTable() + " t " + io.pitwall.sql.PipelineQuery.joinArray(bind(history.array(), binding));
        } else if (history.table() == null) {
            return;
        } else {
            String name = history.table().replace("{queue}", binding.queue() == null ? "" : binding.queue());
            if (catalog.columns(binding.schema(), name).isEmpty()) {
                return; // the timeline skips a history table this version does not have
            }
            join = " FROM " + binding.qualifiedTable() + " t JOIN " + Identifiers.qualified(binding.schema(), name)
                    + " h ON true";
        }
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("taskId", history.taskId());
        parts.put("id", history.id());
        parts.put("kind", history.kind());
        parts.put("state", history.state());
        parts.put("start", history.start());
        parts.put("end", history.end());
        parts.put("detail", history.detail());
        parts.put("order", history.order());
        parts.forEach((part, sql) -> {
            if (sql != null && !sql.isBlank()) {
                String over = Identifiers.isPlainColumn(sql) ? "h." + Identifiers.quote(sql) : "(" + bind(sql, binding) + ")";
                checks.put(field + "." + part, "SELECT " + over + join);
            }
        });
    }

    private void action(Map<String, String> checks, String field, ActionSpec action, Binding binding) {
        // An action on queues reads one row per named queue, t.queue: planned here over a single NULL queue.
        String table = action.onQueues() ? "(SELECT CAST(NULL AS text) AS queue)"
                : action.onTaskTable() ? binding.qualifiedTable() : Identifiers.qualified(binding.schema(), action.table());
        if (!action.onTaskTable() && !action.onQueues() && catalog.columns(binding.schema(), action.table()).isEmpty()) {
            return;
        }
        String from = " FROM " + table + " t";
        // On the task table, an absent optional column reads its stand-in, as the runbook reads it.
        Binding own = action.onTaskTable() ? binding : new Binding(binding.profile(), binding.schema(), binding.table(),
                binding.queue(), binding.unavailable());
        where(checks, field + ".scope", action.scope(), own, table, from);
        where(checks, field + ".stuck", action.stuck(), own, table, from);
        for (int g = 0; g < action.guards().size(); g++) {
            where(checks, field + ".guards[" + g + "].refuse", action.guards().get(g).refuse(), own, table, from);
        }
        binding.writes(action).forEach((column, value) -> checks.put(field + ".set." + column,
                "SELECT t." + Identifiers.quote(column) + ", (" + fill(value, own, table) + ")" + from));
        action.show().forEach((name, value) -> checks.put(field + ".show." + name,
                "SELECT (" + fill(value, own, table) + ")" + from));
        String statement = action.statement();
        if (statement != null && statement.strip().regionMatches(true, 0, "SELECT", 0, 6)) {
            // {ids} becomes an empty array of the id column's type: planned, never run, so nothing is called.
            String ids = "CAST(NULL AS " + idType(binding, action) + "[])";
            checks.put(field + ".statement", fill(statement, own, table).replace("{ids}", ids));
        }
    }

    private void where(Map<String, String> checks, String field, String sql, Binding binding, String table, String from) {
        if (sql != null && !sql.isBlank()) {
            checks.put(field, "SELECT 1" + from + " WHERE (" + fill(sql, binding, table) + ")");
        }
    }

    /** Placeholders filled as the runbook fills them; each {@code :parameter} becomes NULL, since none is bound yet. */
    private static String fill(String sql, Binding binding, String table) {
        // {threshold:RULE} is a stuck rule's interval for the row, filled by the runbook from the rule; any interval
        // checks the expression around it.
        String text = binding.withFallbacks(sql).replaceAll("\\{threshold:[A-Za-z0-9_.-]+}", "make_interval(secs => 0)")
                .replace("{schema}", Identifiers.quote(binding.schema())).replace("{table}", table);
        text = binding.queue() == null ? text : text.replace("{queue}", binding.queue().replace("\"", "\"\""));
        return JdbcText.escapePlaceholders(PARAMETER.matcher(text).replaceAll("NULL"));
    }

    private static String bind(String sql, Binding binding) {
        return sql == null ? null : fill(sql, binding, binding.qualifiedTable());
    }

    private String idType(Binding binding, ActionSpec action) {
        if (action.onQueues()) {
            return "text";
        }
        String column = action.idColumn() != null ? action.idColumn() : binding.profile().tasks().id();
        String tableName = action.onTaskTable() ? binding.table() : action.table();
        String type = catalog.columns(binding.schema(), tableName).map(c -> c.get(column)).orElse(null);
        return type == null ? "text" : Identifiers.quote(type);
    }

    private boolean tablesPresent(Binding binding, StuckRule rule) {
        List<String> tables = new ArrayList<>(rule.requires());
        if (!rule.readsTaskTable()) {
            tables.add(rule.table());
        }
        return tables.stream().allMatch(t -> catalog.columns(binding.schema(),
                t.replace("{queue}", binding.queue() == null ? "" : binding.queue())).isPresent());
    }

    /** Null when the statement plans; the database's message (first line, without our SQL's position) otherwise. */
    private String explain(String sql, List<Object> params) throws SQLException {
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try (PreparedStatement statement = connection.prepareStatement("EXPLAIN (COSTS OFF) " + sql)) {
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            statement.execute();
            return null;
        } catch (SQLException e) {
            if (savepoint != null) {
                connection.rollback(savepoint);
            }
            if (e.getSQLState() != null && (e.getSQLState().startsWith("08") || "57014".equals(e.getSQLState()))) {
                throw e; // the connection or the timeout, not the profile
            }
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if ("42P01".equals(e.getSQLState()) && message.contains("relation \"pitwall.")) {
                return null; // Pitwall's own audit table, created on first use (resume-kind reads it)
            }
            int newline = message.indexOf('\n');
            return newline < 0 ? message : message.substring(0, newline);
        } finally {
            if (savepoint != null) {
                try {
                    connection.releaseSavepoint(savepoint);
                } catch (SQLException ignored) {
                    // already gone with a rollback to it
                }
            }
        }
    }
}
