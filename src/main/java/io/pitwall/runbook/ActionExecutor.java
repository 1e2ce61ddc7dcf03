package io.pitwall.runbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pitwall.profile.ActionSpec;
import io.pitwall.profile.Binding;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The one executor every action goes through (DESIGN.md, "The safe-action contract"): preview in a read-only
 * transaction, then per batch one transaction that sets its timeouts, locks the previewed rows with
 * {@code FOR UPDATE SKIP LOCKED}, re-checks selection and guards, applies, writes the audit row and commits.
 */
public final class ActionExecutor {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private final int batchSize;
    private final Duration lockTimeout;
    private final Duration statementTimeout;

    public ActionExecutor() {
        this(1_000, Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    /** Short timeouts: an action waits briefly and gives up rather than queue behind workers and stall them. */
    public ActionExecutor(int batchSize, Duration lockTimeout, Duration statementTimeout) {
        this.batchSize = batchSize;
        this.lockTimeout = lockTimeout;
        this.statementTimeout = statementTimeout;
    }

    public ActionPreview preview(DataSource monitor, Binding binding, ActionRequest request) throws SQLException {
        ActionSpec spec = binding.profile().action(request.actionId()).orElseThrow(() -> new BadActionRequest(
                "profile " + binding.profile().id() + " has no action '" + request.actionId() + "' (see: pitwall actions --profile "
                        + binding.profile().id() + ")"));
        if (request.reason() == null || request.reason().isBlank()) {
            throw new BadActionRequest("a reason is required: it goes to the audit record");
        }
        String notOffered = binding.whyNotOffered(spec.id());
        if (notOffered != null) {
            // This schema version lacks what the action calls (Graphile before migration 000015): nothing to try.
            throw new ActionRefused("not offered on " + binding.where() + ": " + notOffered);
        }
        try (Connection connection = monitor.getConnection()) {
            connection.setReadOnly(true);
            ActionSql sql = new ActionSql(binding, spec, request, idType(connection, binding, spec));
            NamedSql select = sql.previewSelect();
            List<PreviewRow> rows = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(select.jdbc())) {
                select.bind(statement, sql.values);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        Timestamp since = rs.getTimestamp(4);
                        Integer refusedBy = (Integer) rs.getObject(5);
                        String state = rs.getString(2);
                        String holder = rs.getString(3);
                        rows.add(new PreviewRow(rs.getString(1), state, holder, since == null ? null : since.toInstant(),
                                refusedBy == null ? null : sql.reason(refusedBy, state, holder)));
                    }
                }
            } catch (SQLException e) {
                if ("22P02".equals(e.getSQLState())) {
                    throw new BadActionRequest("--task: not a valid id for " + binding.where() + ": " + e.getMessage());
                }
                throw e;
            }
            Set<String> found = new HashSet<>();
            rows.forEach(r -> found.add(r.id()));
            List<Skip> missing = request.taskIds().stream().distinct().filter(id -> !found.contains(id))
                    .map(id -> new Skip(id, "no such row in " + binding.schema() + "." + ActionSql.tableName(binding, spec)))
                    .toList();
            List<String> guards = spec.guards().stream().map(g -> sql.fill(g.refuse()) + "  →  " + g.reason()).toList();
            return new ActionPreview(binding, spec, request, rows, missing, select.named(),
                    sql.lockSelect(request.taskIds().isEmpty()).named() + ";\n" + sql.apply().named() + ";",
                    sql.operatorValues(), guards);
        }
    }

    static String idType(Connection connection, Binding binding, ActionSpec spec) throws SQLException {
        if (spec.onQueues()) {
            return "text";
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT format_type(a.atttypid, NULL) FROM pg_attribute a
                WHERE a.attrelid = CAST(? AS regclass) AND a.attname = ? AND NOT a.attisdropped""")) {
            statement.setString(1, io.pitwall.sql.Identifiers.qualified(binding.schema(), ActionSql.tableName(binding, spec)));
            statement.setString(2, ActionSql.idColumnName(binding, spec));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new BadActionRequest("the action's id column " + ActionSql.idColumnName(binding, spec) + " is not in "
                            + binding.schema() + "." + ActionSql.tableName(binding, spec));
                }
                return rs.getString(1);
            }
        }
    }

    /**
     * Runs a preview's allowed rows in batches. Rows refused at preview, moved since, gone, or locked by someone
     * else are skipped with their reason. Nothing runs when the preview refuses every row.
     */
    public ActionResult execute(DataSource actions, ActionPreview preview, ActionListener listener) throws ActionFailed {
        ActionRequest request = preview.request();
        List<Skip> skipped = new ArrayList<>(preview.skipped());
        List<Long> auditIds = new ArrayList<>();
        int applied = 0;
        List<String> ids = preview.allowedRows().stream().map(PreviewRow::id).toList();
        if (ids.isEmpty()) {
            return new ActionResult(preview.binding().profile().id(), preview.spec().id(), false, preview.matched(), 0,
                    skipped, auditIds, false);
        }
        boolean cancelled = false;
        int done = 0;
        int batchNumber = 0;
        UUID runId = UUID.randomUUID();
        try (Connection connection = actions.getConnection()) {
            AuditLog.ensure(connection);
            String idType = idType(connection, preview.binding(), preview.spec());
            ActionSql sql = new ActionSql(preview.binding(), preview.spec(), request, idType);
            for (int from = 0; from < ids.size(); from += batchSize) {
                if (listener.cancelRequested()) {
                    cancelled = true;
                    break;
                }
                List<String> batch = ids.subList(from, Math.min(ids.size(), from + batchSize));
                BatchOutcome outcome;
                try {
                    outcome = runBatch(connection, sql, preview, runId, ++batchNumber, batch, listener);
                } catch (SQLException e) {
                    rollbackQuietly(connection);
                    if (isTimeout(e)) {
                        batch.forEach(id -> skipped.add(new Skip(id, "gave up waiting for a lock held by another session "
                                + "(SQLSTATE " + e.getSQLState() + "); this batch was rolled back, nothing in it changed")));
                        done += batch.size();
                        listener.batchDone(done, ids.size());
                        continue;
                    }
                    throw e;
                }
                applied += outcome.applied();
                skipped.addAll(outcome.skipped());
                auditIds.add(outcome.auditId());
                done += batch.size();
                listener.batchDone(done, ids.size());
            }
        } catch (SQLException e) {
            ActionResult committed = new ActionResult(preview.binding().profile().id(), preview.spec().id(), false,
                    preview.matched(), applied, skipped, auditIds, false);
            throw new ActionFailed("batch " + batchNumber + " failed and was rolled back: " + e.getMessage()
                    + (auditIds.isEmpty() ? "" : " (earlier batches are committed: audit " + auditIds + ")"), e, committed);
        }
        return new ActionResult(preview.binding().profile().id(), preview.spec().id(), false, preview.matched(), applied,
                skipped, auditIds, cancelled);
    }

    private record BatchOutcome(int applied, List<Skip> skipped, long auditId) {
    }

    private BatchOutcome runBatch(Connection connection, ActionSql sql, ActionPreview preview, UUID runId, int batchNumber,
                                  List<String> batch, ActionListener listener) throws SQLException {
        connection.setAutoCommit(false);
        setLocalTimeouts(connection);
        Map<String, Object> values = new LinkedHashMap<>(sql.values);
        values.put("__batch", batch.toArray(String[]::new));
        Map<String, String> before = new LinkedHashMap<>();
        List<Skip> skipped = new ArrayList<>();
        Set<String> locked = new HashSet<>();
        BatchLocks.lockOtherRows(connection, sql, values);
        NamedSql lock = sql.lockSelect(preview.request().taskIds().isEmpty());
        try (PreparedStatement statement = connection.prepareStatement(lock.jdbc())) {
            lock.bind(statement, values);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    locked.add(id);
                    String state = rs.getString(3);
                    String holder = rs.getString(4);
                    Integer refusedBy = (Integer) rs.getObject(5);
                    if (!rs.getBoolean(6)) {
                        skipped.add(new Skip(id, "moved since the preview: now " + state));
                    } else if (refusedBy != null) {
                        skipped.add(new Skip(id, "changed since the preview: " + sql.reason(refusedBy, state, holder)));
                    } else {
                        before.put(id, rs.getString(2));
                    }
                }
            }
        }
        skipped.addAll(BatchLocks.notLocked(connection, sql, values, batch, locked));
        Map<String, String> after = new LinkedHashMap<>();
        List<String> result = new ArrayList<>();
        NamedSql apply = sql.apply();
        if (!before.isEmpty()) {
            values.put("__apply", before.keySet().toArray(String[]::new));
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
            NamedSql images = sql.afterImages();
            try (PreparedStatement statement = connection.prepareStatement(images.jdbc())) {
                images.bind(statement, values);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        after.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        long auditId = AuditLog.insert(connection, new AuditLog.Batch(runId, batchNumber, preview.binding().profile().id(),
                preview.binding().schema(), preview.binding().table(), preview.binding().queue(), preview.spec().id(), null,
                json(preview.request().selector()), json(sql.operatorValues()), preview.request().reason(),
                lock.named() + ";\n" + apply.named(), batch.size(), before.size(), skipped.size(),
                images(before, after), json(skipped), result.isEmpty() ? null : json(result.stream().map(ActionExecutor::tree).toList())));
        listener.beforeCommit(connection);
        connection.commit();
        connection.setAutoCommit(true);
        return new BatchOutcome(before.size(), skipped, auditId);
    }

    void setLocalTimeouts(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Numbers from our own configuration, not operator input.
            statement.execute("SET LOCAL lock_timeout = " + lockTimeout.toMillis());
            statement.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
        }
    }

    /** Waiting gave up (lock_timeout, statement_timeout) or lost a deadlock: the batch is skipped, not half-done. */
    static boolean isTimeout(SQLException e) {
        return "55P03".equals(e.getSQLState()) || "57014".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    /** A statement's result value as JSON: parsed when it is JSON, else kept as a string. */
    private static Object tree(String value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.readTree(value);
        } catch (JsonProcessingException e) {
            return value;
        }
    }

    static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the connection is gone; the server rolled the transaction back
        }
    }

    static String images(Map<String, String> before, Map<String, String> after) {
        StringBuilder rows = new StringBuilder("[");
        for (Map.Entry<String, String> row : before.entrySet()) {
            if (rows.length() > 1) {
                rows.append(',');
            }
            rows.append("{\"id\":").append(json(row.getKey())).append(",\"before\":").append(row.getValue())
                    .append(",\"after\":").append(after.getOrDefault(row.getKey(), "null")).append('}');
        }
        return rows.append(']').toString();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
