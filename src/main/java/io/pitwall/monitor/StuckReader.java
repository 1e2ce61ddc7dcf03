package io.pitwall.monitor;

import io.pitwall.profile.Binding;
import io.pitwall.queue.Ages;
import io.pitwall.queue.StuckItem;
import io.pitwall.queue.ThresholdOverride;
import io.pitwall.sql.BoundSql;
import io.pitwall.sql.Identifiers;
import io.pitwall.sql.StuckQuery;
import io.pitwall.sql.StuckRule;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * Runs each profile's stuck rules: one bounded query per rule and binding. A rule whose table this database
 * does not have (e.g. an older version's table name) is skipped, not an error.
 */
public final class StuckReader {

    /** Rows per rule; more than this many stuck rows of one kind of trouble is one problem, not a list to read. */
    public static final int LIMIT_PER_RULE = 500;

    public List<StuckItem> read(DataSource dataSource, List<Binding> bindings, List<ThresholdOverride> overrides,
                                String kindFilter) throws SQLException {
        List<StuckItem> items = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            Set<String> present = existing(connection, bindings);
            for (Binding binding : bindings) {
                for (StuckRule rule : binding.profile().stuck()) {
                    if (!present.containsAll(tablesOf(binding, rule))) {
                        continue;
                    }
                    try {
                        items.addAll(run(connection, binding, rule, overrides, kindFilter));
                    } catch (SQLException e) {
                        throw named(e, binding, rule);
                    }
                }
            }
        }
        return items;
    }

    /**
     * The stuck verdicts on some tasks of one binding (the tasks of a pipeline, say): the rules about tasks only,
     * each restricted to these ids, with the profile's own thresholds. A task two rules hit has two items.
     */
    public List<StuckItem> forTasks(Connection connection, Binding binding, java.util.Collection<String> ids)
            throws SQLException {
        List<StuckItem> items = new ArrayList<>();
        if (ids.isEmpty()) {
            return items;
        }
        Set<String> present = existing(connection, List.of(binding));
        for (StuckRule rule : binding.profile().stuck()) {
            if (rule.object().equals("task") && present.containsAll(tablesOf(binding, rule))) {
                BoundSql sql = StuckQuery.build(binding.schema(), binding.table(), binding.queue(), binding.fallbacks(),
                        binding.tasks(), rule, List.of(), null, ids, LIMIT_PER_RULE);
                try {
                    items.addAll(run(connection, binding, rule, sql));
                } catch (SQLException e) {
                    throw named(e, binding, rule);
                }
            }
        }
        return items;
    }

    /** Names the rule: a broken rule in a user's profile must be findable from the message alone. */
    private static SQLException named(SQLException e, Binding binding, StuckRule rule) {
        return new SQLException("stuck rule '" + rule.id() + "' of profile '" + binding.profile().id()
                + "' (" + binding.where() + "): " + e.getMessage(), e.getSQLState(), e);
    }

    /** The other tables a rule reads, qualified and quoted as to_regclass takes them. */
    private static List<String> tablesOf(Binding binding, StuckRule rule) {
        List<String> tables = new ArrayList<>(rule.requires());
        if (!rule.readsTaskTable()) {
            tables.add(rule.table());
        }
        return tables.stream().map(table -> Identifiers.qualified(binding.schema(),
                table.replace("{queue}", binding.queue() == null ? "" : binding.queue()))).toList();
    }

    /** Which of the tables the rules read exist: one query for all of them, not one per rule. */
    private static Set<String> existing(Connection connection, List<Binding> bindings) throws SQLException {
        Set<String> wanted = new HashSet<>();
        for (Binding binding : bindings) {
            binding.profile().stuck().forEach(rule -> wanted.addAll(tablesOf(binding, rule)));
        }
        Set<String> present = new HashSet<>();
        if (wanted.isEmpty()) {
            return present;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT name FROM unnest(?::text[]) AS name WHERE to_regclass(name) IS NOT NULL")) {
            statement.setArray(1, connection.createArrayOf("text", wanted.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    present.add(rows.getString(1));
                }
            }
        }
        return present;
    }

    private static List<StuckItem> run(Connection connection, Binding binding, StuckRule rule,
                                       List<ThresholdOverride> overrides, String kindFilter) throws SQLException {
        return run(connection, binding, rule, StuckQuery.build(binding.schema(), binding.table(), binding.queue(),
                binding.fallbacks(), binding.tasks(), rule, overrides, kindFilter, LIMIT_PER_RULE));
    }

    private static List<StuckItem> run(Connection connection, Binding binding, StuckRule rule, BoundSql sql)
            throws SQLException {
        List<StuckItem> items = new ArrayList<>();
        try (PreparedStatement statement = Statements.prepare(connection, sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String id = rows.getString(1);
                String kind = rows.getString(2);
                String owner = rows.getString(3);
                var since = Statements.instant(rows.getTimestamp(4));
                double ageSecs = rows.getDouble(5);
                Duration age = rows.wasNull() ? null : Duration.ofMillis(Math.round(ageSecs * 1000));
                Duration threshold = Duration.ofMillis(Math.round(rows.getDouble(6) * 1000));
                String value = rows.getString(7);
                String evidence = Evidence.render(rule.evidence(), id, kind, owner, age, threshold, value);
                items.add(new StuckItem(binding.profile().id(), binding.where(), rule.object(), id, kind, owner,
                        rule.id(), evidence, since, age, threshold, rows.getString(8)));
            }
        }
        return items;
    }

    /** A rule's evidence template filled in for one row. */
    static final class Evidence {
        private Evidence() {
        }

        static String render(String template, String id, String kind, String owner, Duration age, Duration threshold,
                             String value) {
            return template.replace("{id}", id == null ? "?" : id)
                    .replace("{kind}", kind == null ? "?" : kind)
                    .replace("{owner}", owner == null ? "no one" : owner)
                    .replace("{age}", age == null ? "ever" : Ages.format(age))
                    .replace("{threshold}", Ages.format(threshold))
                    .replace("{value}", value == null ? "none" : value);
        }
    }
}
