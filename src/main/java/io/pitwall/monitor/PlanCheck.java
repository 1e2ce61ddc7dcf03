package io.pitwall.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.profile.Binding;
import io.pitwall.sql.CountQuery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks PostgreSQL, by planning and never running a query, whether an index serves a predicate on a task table and
 * how many rows it expects. The plan is made with {@code enable_seqscan = off} (for this transaction only), so it
 * reads the table through an index whenever one can serve the predicate, whatever the statistics say; then once
 * more with the session's setting, to learn whether the count needs that setting at all (most do not: the planner
 * reads a few thousand rows of a big table through the index anyway, and the count is then one statement).
 * Answers are kept for {@link #TTL}: an index created or dropped meanwhile is noticed within that time.
 */
final class PlanCheck {

    static final Duration TTL = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TABLE_SCANS = Set.of("Seq Scan", "Sample Scan", "Tid Scan", "Tid Range Scan");
    private static final Set<String> INDEX_SCANS = Set.of("Index Scan", "Index Only Scan", "Bitmap Index Scan");

    /**
     * @param served  true when the plan reads the task table only through an index condition or a partial index
     * @param rows    the planner's estimate of matching rows
     * @param natural true when the plan with the session's own settings is served too, so the count needs no
     *                {@code SET LOCAL enable_seqscan = off} before it
     */
    record Result(boolean served, long rows, boolean natural, Instant at) {
    }

    private final Map<String, Result> cache = new ConcurrentHashMap<>();

    Result check(Connection connection, Binding binding, String predicate) throws SQLException {
        String key = binding.qualifiedTable() + "\n" + predicate;
        Result known = cache.get(key);
        if (known != null && known.at().plus(TTL).isAfter(Instant.now())) {
            return known;
        }
        Result fresh = plan(connection, binding, predicate);
        cache.put(key, fresh);
        return fresh;
    }

    /** Only the planner's row estimate for a predicate, kept as long as a check. */
    long estimate(Connection connection, Binding binding, String predicate) throws SQLException {
        String key = binding.qualifiedTable() + "\nrows\n" + predicate;
        Result known = cache.get(key);
        if (known != null && known.at().plus(TTL).isAfter(Instant.now())) {
            return known.rows();
        }
        long rows = Math.round(explain(connection, binding, predicate).path("Plan Rows").asDouble());
        cache.put(key, new Result(false, rows, false, Instant.now()));
        return rows;
    }

    private static Result plan(Connection connection, Binding binding, String predicate) throws SQLException {
        Set<String> tables = tableAndPartitions(connection, binding);
        JsonNode forced;
        JsonNode natural;
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL enable_seqscan = off");
            forced = explain(connection, binding, predicate);
            statement.execute("SET LOCAL enable_seqscan = DEFAULT");
            natural = explain(connection, binding, predicate);
        }
        Map<String, Boolean> partial = new HashMap<>();
        boolean served = served(connection, binding, forced, tables, partial);
        boolean unforced = served && served(connection, binding, natural, tables, partial);
        return new Result(served, Math.round(forced.path("Plan Rows").asDouble()), unforced, Instant.now());
    }

    private static JsonNode explain(Connection connection, Binding binding, String predicate) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                CountQuery.explainRows(binding.qualifiedTable(), predicate));
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return JSON.readTree(rows.getString(1)).get(0).get("Plan");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("unreadable EXPLAIN output", e);
        }
    }

    /** {@code partial} is filled on first need and shared by the plans of one check. */
    private static boolean served(Connection connection, Binding binding, JsonNode plan, Set<String> tables,
                                  Map<String, Boolean> partial) throws SQLException {
        Scan scan = new Scan(tables);
        scan.visit(plan);
        boolean served = scan.readsTable && !scan.fullRead;
        if (served && !scan.unconditioned.isEmpty()) {
            // An index read with no condition is a full index scan unless the index is partial (its predicate
            // is then implied by ours, which is what a partial index of the active states is for).
            if (partial.isEmpty()) {
                partial.putAll(partialIndexes(connection, binding));
            }
            served = scan.unconditioned.stream().allMatch(name -> partial.getOrDefault(name, false));
        }
        return served;
    }

    /** The task table and, for a partitioned one (pg-boss v10+), its partitions: the plan reads those. */
    private static java.util.Set<String> tableAndPartitions(Connection connection, Binding binding) throws SQLException {
        java.util.Set<String> names = new java.util.HashSet<>(java.util.List.of(binding.table()));
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT c.relname FROM pg_catalog.pg_partition_tree(to_regclass(?)) pt "
                        + "JOIN pg_catalog.pg_class c ON c.oid = pt.relid")) {
            statement.setString(1, binding.qualifiedTable());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private static Map<String, Boolean> partialIndexes(Connection connection, Binding binding) throws SQLException {
        Map<String, Boolean> partial = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(CountQuery.INDEXES)) {
            statement.setString(1, binding.qualifiedTable());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    partial.put(rows.getString(1), rows.getBoolean(2));
                }
            }
        }
        return partial;
    }

    /** Walks a plan looking at how the task table (alias {@code t}) is read. */
    private static final class Scan {
        private final java.util.Set<String> tables;
        boolean readsTable;
        boolean fullRead;
        final java.util.List<String> unconditioned = new java.util.ArrayList<>();

        Scan(java.util.Set<String> tables) {
            this.tables = tables;
        }

        void visit(JsonNode node) {
            String type = node.path("Node Type").asText();
            // A partition of the task table is read under the alias t_1, t_2, ...
            boolean onTable = tables.contains(node.path("Relation Name").asText())
                    && node.path("Alias").asText().matches("t(_\\d+)?");
            if (onTable && TABLE_SCANS.contains(type)) {
                fullRead = true;
            }
            if (onTable || type.equals("Bitmap Index Scan")) {
                readsTable |= onTable;
                if (INDEX_SCANS.contains(type) && !node.has("Index Cond")) {
                    unconditioned.add(node.path("Index Name").asText());
                }
            }
            for (JsonNode child : node.path("Plans")) {
                visit(child);
            }
        }
    }
}
