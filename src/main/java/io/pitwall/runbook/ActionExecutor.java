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
    private final long imageBudget;

    /** Before and after images of one batch, at most: far below jsonb's 256 MB, and small enough to hold in memory. */
    public static final long IMAGE_BUDGET = 32L * 1024 * 1024;

    public ActionExecutor() {
        this(1_000, Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    public ActionExecutor(int batchSize, Duration lockTimeout, Duration statementTimeout) {
        this(batchSize, lockTimeout, statementTimeout, IMAGE_BUDGET);
    }

    /** Short timeouts: an action waits briefly and gives up rather than queue behind workers and stall them. */
    public ActionExecutor(int batchSize, Duration lockTimeout, Duration statementTimeout, long imageBudget) {
        this.batchSize = batchSize;
        this.imageBudget = imageBudget;
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
            ActionSql sql = new ActionSql(binding, spec, request, idType(connection, binding, spec),
                    request.stuck() ? StuckSelection.present(connection, binding, spec) : List.of());
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
                                refusedBy == null ? null : sql.reason(refusedBy, state, holder), rs.getLong(6)));
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
                    .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
            if (rows.isEmpty() && request.queue() != null && !spec.onTaskTable() && request.taskIds().isEmpty()) {
                // A queue action names its queue as --task names a row: a queue with no row is refused, not a no-op.
                missing.add(new Skip(request.queue(), "no queue '" + request.queue() + "' in " + binding.schema() + "."
                        + spec.table()));
            }
            List<String> guards = spec.guards().stream().map(g -> sql.fill(g.refuse()) + "  →  " + g.reason()).toList();
            return new ActionPreview(binding, spec, request, rows, missing, select.named(), sql.batchSql(),
                    sql.operatorValues(), guards);
        }
    }

    static String idType(Connection connection, Binding binding, ActionSpec spec) throws SQLException {
        return ActionTable.idType(connection, binding, spec);
    }

    /**
     * Runs a preview's allowed rows in batches bounded by count and by the size of their audit images. Rows refused
     * at preview, moved since, gone, or locked by someone else are skipped with their reason; rows a failure or a
     * cancel left untouched are counted as not attempted, so matched = applied + skipped + not attempted.
     */
    public ActionResult execute(DataSource actions, ActionPreview preview, ActionListener listener) throws ActionFailed {
        if (preview.needsAll()) {
            throw new ActionRefused(preview.needsAllReason());
        }
        ActionRequest request = preview.request();
        List<Skip> skipped = new ArrayList<>(preview.skipped());
        List<Long> auditIds = new ArrayList<>();
        int applied = 0;
        List<PreviewRow> rows = preview.allowedRows();
        String profile = preview.binding().profile().id();
        int matched = preview.matched() + preview.missing().size();
        if (rows.isEmpty()) {
            return new ActionResult(profile, preview.spec().id(), false, matched, 0, skipped, auditIds, false, 0);
        }
        List<List<String>> batches = batches(rows);
        boolean cancelled = false;
        int done = 0;
        int batchNumber = 0;
        UUID runId = UUID.randomUUID();
        try (Connection connection = actions.getConnection()) {
            AuditLog.ensure(connection);
            String idType = idType(connection, preview.binding(), preview.spec());
            ActionSql sql = new ActionSql(preview.binding(), preview.spec(), request, idType,
                    request.stuck() ? StuckSelection.present(connection, preview.binding(), preview.spec()) : List.of());
            BatchRunner runner = new BatchRunner(this, sql, preview, runId);
            for (List<String> batch : batches) {
                if (listener.cancelRequested()) {
                    cancelled = true;
                    break;
                }
                List<Skip> refusedAtPreview = batchNumber == 0 ? preview.skipped() : List.of();
                BatchRunner.Outcome outcome;
                try {
                    outcome = runner.run(connection, ++batchNumber, batch, refusedAtPreview, listener);
                } catch (SQLException e) {
                    rollbackQuietly(connection);
                    BatchRunner.Outcome inDoubt = CommitInDoubt.lookUp(actions, e, runId, batchNumber);
                    if (inDoubt != null) {
                        applied += inDoubt.applied();
                        skipped.addAll(inDoubt.skipped());
                        auditIds.add(inDoubt.auditId());
                        done += batch.size();
                        int notAttempted = rows.size() - done;
                        throw new ActionFailed("the connection was lost after batch " + batchNumber + " was sent for "
                                + "COMMIT; the audit log shows it committed (audit #" + inDoubt.auditId() + "). "
                                + notAttempted + " later rows were not attempted: " + e.getMessage(), e,
                                new ActionResult(profile, preview.spec().id(), false, matched, applied, skipped, auditIds,
                                        false, notAttempted));
                    }
                    String why = Outcomes.gaveUp(e, lockTimeout, statementTimeout);
                    if (why != null) {
                        batch.forEach(id -> skipped.add(new Skip(id, why + "; this batch was rolled back, nothing in it changed")));
                        done += batch.size();
                        listener.batchDone(done, rows.size());
                        continue;
                    }
                    throw e;
                }
                applied += outcome.applied();
                skipped.addAll(outcome.skipped());
                auditIds.add(outcome.auditId());
                done += batch.size();
                listener.batchDone(done, rows.size());
            }
        } catch (SQLException e) {
            int notAttempted = rows.size() - done;
            ActionResult committed = new ActionResult(profile, preview.spec().id(), false, matched, applied, skipped,
                    auditIds, false, notAttempted);
            throw new ActionFailed("batch " + batchNumber + " failed and was rolled back (" + Outcomes.describe(e) + "); "
                    + notAttempted + " rows were not attempted"
                    + (auditIds.isEmpty() ? "" : "; earlier batches are committed: audit " + auditIds), e, committed);
        }
        return new ActionResult(profile, preview.spec().id(), false, matched, applied, skipped, auditIds, cancelled,
                rows.size() - done);
    }

    /**
     * Batches of at most {@code batchSize} rows whose before and after images together stay under the byte budget:
     * one audit row is one jsonb value, and jsonb holds at most 256 MB.
     */
    List<List<String>> batches(List<PreviewRow> rows) {
        List<List<String>> batches = new ArrayList<>();
        List<String> current = new ArrayList<>();
        long bytes = 0;
        for (PreviewRow row : rows) {
            long imageBytes = 2 * Math.max(row.bytes(), 1);
            if (!current.isEmpty() && (current.size() >= batchSize || bytes + imageBytes > imageBudget)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(row.id());
            bytes += imageBytes;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    void setLocalTimeouts(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Numbers from our own configuration, not operator input.
            statement.execute("SET LOCAL lock_timeout = " + lockTimeout.toMillis());
            statement.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
        }
    }

    /** A statement's result value as JSON: parsed when it is JSON, else kept as a string. */
    static Object tree(String value) {
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
