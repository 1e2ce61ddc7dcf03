package io.pitwall.runbook;

import io.pitwall.profile.ActionSpec;
import io.pitwall.profile.Binding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The table an action acts on, as this database has it: whether it exists, and its id column's type. */
final class ActionTable {

    private ActionTable() {
    }

    static String idType(Connection connection, Binding binding, ActionSpec spec) throws SQLException {
        if (spec.onQueues()) {
            return "text";
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT format_type(a.atttypid, NULL) FROM pg_attribute a
                WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND NOT a.attisdropped""")) {
            statement.setString(1, io.pitwall.sql.Identifiers.qualified(binding.schema(), ActionSql.tableName(binding, spec)));
            statement.setString(2, ActionSql.idColumnName(binding, spec));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next() && !spec.onTaskTable() && !tableExists(connection, binding, spec)) {
                    // An older version of the system's schema (River before migration 004 has no river_queue).
                    throw new ActionRefused("action " + spec.id() + " needs table " + binding.schema() + "."
                            + spec.table() + ", which this database does not have (an older version of the schema?);"
                            + " nothing was changed");
                }
                if (rs.getRow() == 0) {
                    throw new BadActionRequest("the action's id column " + ActionSql.idColumnName(binding, spec) + " is not in "
                            + binding.schema() + "." + ActionSql.tableName(binding, spec));
                }
                return rs.getString(1);
            }
        }
    }

    private static boolean tableExists(Connection connection, Binding binding, ActionSpec spec) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, io.pitwall.sql.Identifiers.qualified(binding.schema(), spec.table()));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

}
