package io.pitwall.runbook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The locking half of one batch: the rows an action locks besides its own, and what it could not lock. */
final class BatchLocks {

    private BatchLocks() {
    }

    /**
     * The action's own {@code locks} first, waiting at most the lock timeout: a worker's short transaction on those rows
     * finishes and the guards then see its outcome; a long one makes the batch give up whole.
     */
    static void lockOtherRows(Connection connection, ActionSql sql, Map<String, Object> values) throws SQLException {
        for (NamedSql lock : sql.lockStatements()) {
            try (PreparedStatement statement = connection.prepareStatement(lock.jdbc())) {
                lock.bind(statement, values);
                statement.execute();
            }
        }
    }

    static List<Skip> notLocked(Connection connection, ActionSql sql, Map<String, Object> values,
                                        List<String> batch, Set<String> locked) throws SQLException {
        if (locked.size() == batch.size()) {
            return List.of();
        }
        Set<String> existing = new HashSet<>();
        NamedSql exists = sql.existing();
        try (PreparedStatement statement = connection.prepareStatement(exists.jdbc())) {
            exists.bind(statement, values);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
        }
        List<Skip> skipped = new ArrayList<>();
        for (String id : batch) {
            if (!locked.contains(id)) {
                skipped.add(new Skip(id, existing.contains(id)
                        ? "locked by another transaction (a live worker or another operator holds it)"
                        : "no longer exists"));
            }
        }
        return skipped;
    }
}
