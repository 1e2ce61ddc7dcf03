package io.pitwall.profile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which of a profile's actions one database can run: an action declares the functions and columns it needs
 * ({@code requiresFunction}, {@code requiresColumn}), checked against the catalog when the profile is bound, so
 * Absurd before 0.2.0 (no {@code retry_task}) is never offered a retry that can only fail.
 */
final class ActionRequirements {

    private ActionRequirements() {
    }

    /** Action id → why it is not offered on this table; actions that can run are absent. */
    static Map<String, String> unavailable(Profile profile, Catalog catalog, String schema, String table, String queue) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (ActionSpec action : profile.actions()) {
            String reason = whyNot(action, catalog, schema, table, queue);
            if (reason != null) {
                reasons.put(action.id(), reason);
            }
        }
        return reasons;
    }

    private static String whyNot(ActionSpec action, Catalog catalog, String schema, String table, String queue) {
        for (String function : action.requiresFunction()) {
            int dot = function.indexOf('.');
            String inSchema = dot < 0 ? schema : function.substring(0, dot);
            String name = dot < 0 ? function : function.substring(dot + 1);
            if (!catalog.hasFunction(inSchema, name)) {
                return action.id() + " calls " + inSchema + "." + name + "(), which this database does not have";
            }
        }
        String ownTable = action.table() == null ? table : action.table();
        for (String column : action.requiresColumn()) {
            int dot = column.indexOf('.');
            String inTable = dot < 0 ? ownTable : column.substring(0, dot).replace("{queue}", queue == null ? "" : queue);
            String name = dot < 0 ? column : column.substring(dot + 1);
            if (!catalog.columns(schema, inTable).map(c -> c.containsKey(name)).orElse(false)) {
                return action.id() + " needs column " + schema + "." + inTable + "." + name
                        + ", which this database does not have";
            }
        }
        return null;
    }
}
