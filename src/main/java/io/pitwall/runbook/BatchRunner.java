package io.pitwall.runbook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One batch in one transaction: the system's own locks first, then the action's rows with SKIP LOCKED, then the
 * whole selection and the guards read again on the locked rows, the change, the audit row, the commit.
 */
final class BatchRunner {

    record Outcome(int applied, List<Skip> skipped, long auditId) {
    }

    private final ActionExecutor executor;
    private final ActionSql sql;
    private final ActionPreview preview;
    private final UUID runId;

    BatchRunner(ActionExecutor executor, ActionSql sql, ActionPreview preview, UUID runId) {
        this.executor = executor;
        this.sql = sql;
        this.preview = preview;
        this.runId = runId;
    }

    /** @param refusedAtPreview rows the preview refused, recorded with the first batch so the audit tells it all */
    Outcome run(Connection connection, int batchNumber, List<String> batch, List<Skip> refusedAtPreview,
                ActionListener listener) throws SQLException {
        connection.setAutoCommit(false);
        executor.setLocalTimeouts(connection);
        Map<String, Object> values = new LinkedHashMap<>(sql.values);
        values.put("__batch", batch.toArray(String[]::new));
        BatchLocks.lockOtherRows(connection, sql, values);
        Set<String> locked = new HashSet<>();
        NamedSql lockRows = sql.lockRows();
        try (PreparedStatement statement = connection.prepareStatement(lockRows.jdbc())) {
            lockRows.bind(statement, values);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    locked.add(rs.getString(1));
                }
            }
        }
        List<Skip> skipped = new ArrayList<>();
        Map<String, String> before = recheck(connection, values, locked, skipped);
        skipped.addAll(BatchLocks.notLocked(connection, sql, values, batch, locked));
        List<String> result = new ArrayList<>();
        Map<String, String> after = new LinkedHashMap<>();
        if (!before.isEmpty()) {
            if (sql.spec.guardsReadOtherRows()) {
                applyOneByOne(connection, values, before, skipped, result);
            } else {
                apply(connection, values, before.keySet(), result);
            }
            after.putAll(afterImages(connection, values, before.keySet()));
        }
        List<Skip> recorded = new ArrayList<>(refusedAtPreview.stream()
                .map(s -> new Skip(s.id(), "refused at preview: " + s.reason())).toList());
        recorded.addAll(skipped);
        long auditId = AuditLog.insert(connection, new AuditLog.Batch(runId, batchNumber, preview.binding().profile().id(),
                preview.binding().schema(), preview.binding().table(), preview.binding().queue(), preview.spec().id(), null,
                ActionExecutor.json(preview.request().selector()), ActionExecutor.json(sql.operatorValues()),
                preview.request().reason(), sql.batchSql(), batch.size() + refusedAtPreview.size(), before.size(),
                recorded.size(), refusedAtPreview.size(), ActionExecutor.images(before, after), ActionExecutor.json(recorded),
                result.isEmpty() ? null : ActionExecutor.json(result.stream().map(ActionExecutor::tree).toList())));
        listener.beforeCommit(connection);
        connection.commit();
        connection.setAutoCommit(true);
        return new Outcome(before.size(), skipped, auditId);
    }

    /** The locked rows that are still selected and pass the guards, with their before images. */
    private Map<String, String> recheck(Connection connection, Map<String, Object> values, Set<String> locked,
                                        List<Skip> skipped) throws SQLException {
        Map<String, String> before = new LinkedHashMap<>();
        if (locked.isEmpty()) {
            return before;
        }
        values.put("__locked", locked.toArray(String[]::new));
        NamedSql recheck = sql.recheck();
        try (PreparedStatement statement = connection.prepareStatement(recheck.jdbc())) {
            recheck.bind(statement, values);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    String state = rs.getString(3);
                    String holder = rs.getString(4);
                    Integer refusedBy = (Integer) rs.getObject(5);
                    if (!rs.getBoolean(6)) {
                        skipped.add(new Skip(id, "moved since the preview: now " + state + ", no longer selected"));
                    } else if (!rs.getBoolean(7)) {
                        skipped.add(new Skip(id, "no longer stuck: the holder is alive ("
                                + (holder == null ? "its lease" : holder + "'s lease or heartbeat")
                                + " was renewed since the preview)"));
                    } else if (refusedBy != null) {
                        skipped.add(new Skip(id, "changed since the preview: " + sql.reason(refusedBy, state, holder)));
                    } else {
                        before.put(id, rs.getString(2));
                    }
                }
            }
        }
        return before;
    }

    /**
     * A guard that reads other rows (another operation of the same instance) is checked again before each row is
     * applied, so a row applied earlier in this batch counts: two rows can never both pass on one snapshot.
     */
    private void applyOneByOne(Connection connection, Map<String, Object> values, Map<String, String> before,
                               List<Skip> skipped, List<String> result) throws SQLException {
        NamedSql guard = sql.guardOne();
        for (String id : new ArrayList<>(before.keySet())) {
            values.put("__apply", new String[]{id});
            Integer refusedBy = null;
            try (PreparedStatement statement = connection.prepareStatement(guard.jdbc())) {
                guard.bind(statement, values);
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next()) {
                        refusedBy = (Integer) rs.getObject(1);
                    }
                }
            }
            if (refusedBy != null) {
                before.remove(id);
                skipped.add(new Skip(id, "refused after an earlier row of this batch was applied: "
                        + sql.reason(refusedBy, null, null)));
                continue;
            }
            apply(connection, values, List.of(id), result);
        }
    }

    private void apply(Connection connection, Map<String, Object> values, java.util.Collection<String> ids,
                       List<String> result) throws SQLException {
        values.put("__apply", ids.toArray(String[]::new));
        NamedSql apply = sql.apply();
        try (PreparedStatement statement = connection.prepareStatement(apply.jdbc())) {
            apply.bind(statement, values);
            if (statement.execute()) {
                try (ResultSet rs = statement.getResultSet()) {
                    while (rs.next()) {
                        result.add(rs.getString(1));
                    }
                }
            }
        }
    }

    private Map<String, String> afterImages(Connection connection, Map<String, Object> values,
                                            java.util.Collection<String> ids) throws SQLException {
        values.put("__apply", ids.toArray(String[]::new));
        Map<String, String> after = new LinkedHashMap<>();
        NamedSql images = sql.afterImages();
        try (PreparedStatement statement = connection.prepareStatement(images.jdbc())) {
            images.bind(statement, values);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    after.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return after;
    }
}
