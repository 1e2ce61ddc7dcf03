package io.pitwall.runbook;

import io.pitwall.profile.ActionSpec;
import io.pitwall.profile.Binding;
import io.pitwall.sql.Identifiers;
import io.pitwall.sql.StuckQuery;
import io.pitwall.sql.StuckRule;
import io.pitwall.sql.TaskColumns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The profile's stuck rules as SQL over the action's rows (alias {@code t}), so {@code --stuck} is part of the
 * selection: read at preview, and read again on the locked rows, with the same threshold per kind the stuck screen
 * uses. A rule that reads another table (real Absurd's runs) selects the ids that table finds stuck.
 */
final class StuckSelection {

    private static final Pattern THRESHOLD = Pattern.compile("\\{threshold:([A-Za-z0-9_.-]+)}");

    private final Binding binding;
    private final ActionSpec spec;
    private final String idColumn;
    private final Map<String, Object> values;

    StuckSelection(Binding binding, ActionSpec spec, String idColumn, Map<String, Object> values) {
        this.binding = binding;
        this.spec = spec;
        this.idColumn = idColumn;
        this.values = values;
    }

    /** The rules that find this action's object, whatever tables this database has. */
    static List<StuckRule> rulesFor(Binding binding, ActionSpec spec) {
        return binding.profile().stuck().stream().filter(r -> r.object().equals(spec.objectOrTask())).toList();
    }

    /** The rules whose tables this database has (an older version may name a table differently). */
    static List<StuckRule> present(Connection connection, Binding binding, ActionSpec spec) throws SQLException {
        List<StuckRule> rules = rulesFor(binding, spec);
        Set<String> wanted = new HashSet<>();
        rules.forEach(rule -> wanted.addAll(tables(binding, rule)));
        Set<String> found = new HashSet<>();
        if (!wanted.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT name FROM unnest(CAST(? AS text[])) AS name WHERE to_regclass(name) IS NOT NULL")) {
                statement.setObject(1, wanted.toArray(String[]::new));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return rules.stream().filter(rule -> found.containsAll(tables(binding, rule))).toList();
    }

    private static List<String> tables(Binding binding, StuckRule rule) {
        List<String> tables = new ArrayList<>(rule.requires());
        if (!rule.readsTaskTable()) {
            tables.add(rule.table());
        }
        String queue = binding.queue() == null ? "" : binding.queue();
        return tables.stream().map(table -> Identifiers.qualified(binding.schema(), table.replace("{queue}", queue))).toList();
    }

    /** True for a row some rule finds stuck; {@code FALSE} when no rule applies here: it matches nothing. */
    String predicate(List<StuckRule> rules) {
        List<String> any = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            any.add(rule(rules.get(i), "__stuck" + i + "_"));
        }
        return any.isEmpty() ? "FALSE" : "(" + String.join(" OR ", any) + ")";
    }

    private String rule(StuckRule rule, String prefix) {
        String seconds = thresholdSeconds(rule, kindOf(rule), prefix);
        // The task table's absent optional columns have stand-ins, as the stuck screen reads them.
        String rawWhere = rule.readsTaskTable() ? binding.withFallbacks(rule.where()) : rule.where();
        String where = "(" + fill(rawWhere).replace("{threshold}", "make_interval(secs => " + seconds + ")") + ")";
        if (readsActionTable(rule)) {
            return where;
        }
        // Inside the subquery t is the rule's table; the id on the left of IN is still the action's row.
        String key = fill(rule.readsTaskTable() ? TaskColumns.expr(binding.tasks().id()) : TaskColumns.expr(rule.key()));
        return "(" + idColumn + ")::text IN (SELECT (" + key + ")::text FROM " + ruleTable(rule) + " t WHERE " + where + ")";
    }

    private boolean readsActionTable(StuckRule rule) {
        return rule.readsTaskTable() ? spec.onTaskTable()
                : !spec.onTaskTable() && rule.table().equals(spec.table());
    }

    private String ruleTable(StuckRule rule) {
        return rule.readsTaskTable() ? binding.qualifiedTable() : Identifiers.qualified(binding.schema(),
                rule.table().replace("{queue}", binding.queue() == null ? "" : binding.queue()));
    }

    private String kindOf(StuckRule rule) {
        String kind = rule.kind() != null ? TaskColumns.expr(rule.kind())
                : rule.readsTaskTable() ? TaskColumns.exprOr(binding.tasks().kind(), "NULL") : "NULL";
        return fill(kind);
    }

    private String thresholdSeconds(StuckRule rule, String kind, String prefix) {
        int[] n = {0};
        return StuckQuery.thresholdSeconds(binding.schema(), binding.table(), binding.queue(), rule, kind, value -> {
            String name = prefix + n[0]++;
            values.put(name, value);
            return ":" + name;
        });
    }

    private String fill(String sql) {
        return StuckQuery.fill(binding.schema(), binding.table(), binding.queue(), sql);
    }

    /**
     * {@code {threshold:RULE}} in an action's SQL: that stuck rule's threshold for the row {@code t}, per kind, as an
     * interval; so an action guard reads the same threshold as the stuck screen.
     */
    String thresholds(String fragment) {
        Matcher matcher = THRESHOLD.matcher(fragment);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String id = matcher.group(1);
            List<StuckRule> rules = binding.profile().stuck();
            int index = -1;
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).id().equals(id) && rules.get(i).readsTaskTable()) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                throw new BadActionRequest("action " + spec.id() + " reads {threshold:" + id + "}, but profile "
                        + binding.profile().id() + " has no stuck rule '" + id + "' on its task table");
            }
            StuckRule rule = rules.get(index);
            String seconds = thresholdSeconds(rule, kindOf(rule), "__threshold" + index + "_");
            matcher.appendReplacement(out, Matcher.quoteReplacement("make_interval(secs => " + seconds + ")"));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
