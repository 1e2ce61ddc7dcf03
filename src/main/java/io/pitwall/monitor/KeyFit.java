package io.pitwall.monitor;

import io.pitwall.profile.Binding;
import io.pitwall.sql.Identifiers;
import io.pitwall.sql.PipelineQuery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Set;

/**
 * Whether a key or task id can be one of a table's at all ("abc" where the key is a bigint id names nothing
 * there), asked before the read, so that an error in a profile's own expressions on some row is never taken for
 * "no such task" or "no such pipeline": that one is shown.
 */
final class KeyFit {

    private static final Set<String> NOT_OF_THE_TYPE = Set.of("22P02", "22003", "22007", "22008");

    private KeyFit() {
    }

    /** False when the pipeline key column's type does not take {@code key}; a key over an expression is text. */
    static boolean keyFits(Connection connection, Binding binding, String key) throws SQLException {
        return fits(connection, binding, PipelineQuery.keyColumn(binding.tasks()), key);
    }

    /** False when the id column's type does not take {@code id}; an id over an expression is compared as text. */
    static boolean idFits(Connection connection, Binding binding, String id) throws SQLException {
        return fits(connection, binding, Identifiers.isPlainColumn(binding.tasks().id()) ? binding.tasks().id() : null, id);
    }

    private static boolean fits(Connection connection, Binding binding, String column, String value) throws SQLException {
        if (column == null) {
            return true;
        }
        // The read's own typed comparison on no row at all: only the value's conversion can fail. In a
        // transaction, a savepoint keeps that failure from aborting the reads that follow.
        String probe = "SELECT 1 FROM " + binding.qualifiedTable() + " t WHERE false AND t." + Identifiers.quote(column) + " = ?";
        Savepoint before = connection.getAutoCommit() ? null : connection.setSavepoint();
        try (PreparedStatement statement = connection.prepareStatement(probe)) {
            statement.setObject(1, value, java.sql.Types.OTHER);
            statement.executeQuery().close();
            return true;
        } catch (SQLException conversion) {
            if (before != null) {
                connection.rollback(before);
            }
            if (NOT_OF_THE_TYPE.contains(conversion.getSQLState())) {
                return false;
            }
            throw conversion;
        } finally {
            if (before != null) {
                try {
                    connection.releaseSavepoint(before);
                } catch (SQLException alreadyRolledBack) {
                    // released by the rollback above
                }
            }
        }
    }
}
