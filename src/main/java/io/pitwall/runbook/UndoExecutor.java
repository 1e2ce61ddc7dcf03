package io.pitwall.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import io.pitwall.profile.ActionSpec;
import io.pitwall.profile.Binding;
import io.pitwall.profile.Catalog;
import io.pitwall.profile.Profile;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.sql.Identifiers;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Undo of one audited batch, as a guarded action of its own: it puts the action's {@code set} columns back from
 * the before image, only on rows whose columns are still as the action left them, and it is audited.
 */
public final class UndoExecutor {

    public static final String ACTION_ID = "undo";

    private final ActionExecutor executor;

    public UndoExecutor(ActionExecutor executor) {
        this.executor = executor;
    }

    /** Whether and why not an entry can be undone, without touching the database. */
    public static String whyNot(AuditEntry entry, ProfileRegistry registry) {
        if (entry.isUndo()) {
            return "#" + entry.id() + " is itself an undo";
        }
        if (entry.undoneBy() != null) {
            return "#" + entry.id() + " was already undone by #" + entry.undoneBy();
        }
        if (entry.applied() == 0) {
            return "#" + entry.id() + " changed nothing";
        }
        Profile profile = registry.find(entry.profileId(), entry.table()).orElse(null);
        if (profile == null) {
            return "profile " + entry.profileId() + " is not loaded";
        }
        ActionSpec spec = profile.action(entry.actionId()).orElse(null);
        if (spec == null) {
            return "profile " + entry.profileId() + " no longer has action " + entry.actionId();
        }
        if (!spec.undoable()) {
            return spec.noUndo() != null ? spec.noUndo() : entry.actionId() + " cannot be undone";
        }
        return null;
    }

    /**
     * The action undo is, for the confirm dialog: named after the entry, with the original action's noun; the count is
     * typed from the default size, whatever the original allowed, since an undo reaches back in time.
     */
    public static ActionSpec undoSpec(AuditEntry entry, ProfileRegistry registry) {
        ActionSpec original = registry.find(entry.profileId()).flatMap(p -> p.action(entry.actionId())).orElse(null);
        String noun = original == null || original.noun() == null ? "row" : original.noun();
        return new ActionSpec(ACTION_ID, "Undo #" + entry.id() + " (" + entry.actionId() + ")", "Undo #" + entry.id()
                + ": restore", noun, "Puts the columns " + (original == null ? "" : String.join(", ", original.set().keySet()))
                + " back from the before image of audit #" + entry.id() + ", only on rows still exactly as it left them; "
                + "audited as an undo of #" + entry.id() + ".", original == null ? null : original.table(),
                original == null ? null : original.idColumn(), null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, false);
    }

    /**
     * What undo would do, read without locking or changing anything: every row of the entry, whether it is still as
     * the action left it, and the statement; the confirm dialog shows it like any action's preview.
     */
    public ActionPreview preview(DataSource actions, ProfileRegistry registry, long auditId) throws SQLException {
        try (Connection connection = actions.getConnection()) {
            AuditEntry entry = AuditLog.find(connection, auditId)
                    .orElseThrow(() -> new BadActionRequest("no audit entry #" + auditId));
            String whyNot = whyNot(entry, registry);
            if (whyNot != null) {
                throw new ActionRefused("cannot undo #" + auditId + ": " + whyNot);
            }
            Profile profile = registry.find(entry.profileId()).orElseThrow();
            ActionSpec spec = profile.action(entry.actionId()).orElseThrow();
            Binding binding = new Binding(profile, entry.schema(), entry.table(), entry.queue());
            ActionResult dry = undo(actions, registry, auditId, "preview", true, ActionListener.NONE);
            Map<String, String> refused = new LinkedHashMap<>();
            dry.skipped().forEach(skip -> refused.put(skip.id(), skip.reason()));
            JsonNode images = ActionExecutor.JSON.readTree(entry.rowsJson());
            List<PreviewRow> rows = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            images.forEach(row -> {
                String id = row.get("id").asText();
                ids.add(id);
                rows.add(new PreviewRow(id, refused.containsKey(id) ? "changed since" : "as #" + auditId + " left it",
                        null, null, refused.get(id)));
            });
            String table = spec.onTaskTable() ? binding.qualifiedTable() : Identifiers.qualified(entry.schema(), spec.table());
            String columns = String.join(", ", spec.set().keySet().stream().map(c -> Identifiers.quote(c) + " = b." + Identifiers.quote(c)).toList());
            String sql = "SELECT ... FROM " + table + " t WHERE id = ANY(:ids) FOR UPDATE OF t SKIP LOCKED;\n"
                    + "-- only rows whose " + String.join(", ", spec.set().keySet()) + " are still as #" + auditId + " left them:\n"
                    + "UPDATE " + table + " t SET " + columns + " FROM jsonb_populate_recordset(NULL::" + table
                    + ", :before_images) b WHERE t.id = b.id AND t.id = ANY(:ids);";
            ActionRequest request = new ActionRequest(entry.profileId(), ACTION_ID, ids, null, null, false, Map.of(), "preview");
            return new ActionPreview(binding, undoSpec(entry, registry), request, rows, List.of(), "", sql,
                    Map.of("undoOf", auditId), List.of("a row whose " + String.join(", ", spec.set().keySet())
                    + " changed since #" + auditId + " is skipped"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("audit entry #" + auditId + " has unreadable row images", e);
        }
    }

    /**
     * @param dryRun check which rows are still in the after state, without locking or changing anything
     */
    public ActionResult undo(DataSource actions, ProfileRegistry registry, long auditId, String reason, boolean dryRun,
                             ActionListener listener) throws SQLException {
        if (reason == null || reason.isBlank()) {
            throw new BadActionRequest("a reason is required: it goes to the audit record");
        }
        try (Connection connection = actions.getConnection()) {
            AuditEntry entry = AuditLog.find(connection, auditId)
                    .orElseThrow(() -> new BadActionRequest("no audit entry #" + auditId));
            String whyNot = whyNot(entry, registry);
            if (whyNot != null) {
                throw new ActionRefused("cannot undo #" + auditId + ": " + whyNot);
            }
            Profile profile = registry.find(entry.profileId(), entry.table()).orElseThrow();
            ActionSpec spec = profile.action(entry.actionId()).orElseThrow();
            Binding binding = new Binding(profile, entry.schema(), entry.table(), entry.queue(),
                    Binding.fallbacksFor(profile, Catalog.columnsOf(connection, entry.schema(), entry.table())));
            String table = spec.onTaskTable() ? binding.qualifiedTable() : Identifiers.qualified(entry.schema(), spec.table());
            String idName = ActionSql.idColumnName(binding, spec);
            String id = "t." + Identifiers.quote(idName);
            JsonNode rows = ActionExecutor.JSON.readTree(entry.rowsJson());
            Map<String, JsonNode> befores = new LinkedHashMap<>();
            Map<String, JsonNode> afters = new LinkedHashMap<>();
            rows.forEach(row -> {
                befores.put(row.get("id").asText(), row.get("before"));
                afters.put(row.get("id").asText(), row.get("after"));
            });
            if (!dryRun) {
                AuditLog.ensure(connection);
                connection.setAutoCommit(false);
                executor.setLocalTimeouts(connection);
            }
            String ids = "CAST(? AS " + ActionExecutor.idType(connection, binding, spec) + "[])";
            try {
                return run(connection, entry, spec, ActionSql.setColumns(binding, spec), table, id, ids, befores, afters,
                        reason, dryRun, listener);
            } catch (SQLException | RuntimeException e) {
                ActionExecutor.rollbackQuietly(connection);
                throw e;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("audit entry #" + auditId + " has unreadable row images", e);
        }
    }

    private ActionResult run(Connection connection, AuditEntry entry, ActionSpec spec, List<String> columns, String table,
                             String id, String idsSql,
                             Map<String, JsonNode> befores, Map<String, JsonNode> afters, String reason, boolean dryRun,
                             ActionListener listener) throws SQLException, com.fasterxml.jackson.core.JsonProcessingException {
        String[] ids = befores.keySet().toArray(String[]::new);
        String lock = "SELECT " + id + "::text, to_jsonb(t)::text FROM " + table + " t WHERE " + id
                + " = ANY(" + idsSql + ")" + (dryRun ? "" : " FOR UPDATE OF t SKIP LOCKED");
        List<Skip> skipped = new ArrayList<>();
        List<String> revert = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(lock)) {
            statement.setObject(1, ids);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    current.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        for (String rowId : ids) {
            String now = current.get(rowId);
            if (now == null) {
                skipped.add(new Skip(rowId, "locked by another transaction, or no longer exists"));
                continue;
            }
            JsonNode nowNode = ActionExecutor.JSON.readTree(now);
            String changed = null;
            for (String column : columns) {
                if (!java.util.Objects.equals(nowNode.get(column), afters.get(rowId).get(column))) {
                    changed = column + " is now " + nowNode.get(column);
                    break;
                }
            }
            if (changed != null) {
                skipped.add(new Skip(rowId, "changed since the action: " + changed));
            } else {
                revert.add(rowId);
            }
        }
        String assignments = String.join(", ", columns.stream()
                .map(c -> Identifiers.quote(c) + " = b." + Identifiers.quote(c)).toList());
        String update = "UPDATE " + table + " t SET " + assignments + " FROM jsonb_populate_recordset(NULL::" + table
                + ", CAST(? AS jsonb)) b WHERE " + id + " = b." + id.substring(2) + " AND " + id + " = ANY(" + idsSql + ")";
        if (dryRun) {
            return new ActionResult(entry.profileId(), ACTION_ID, true, ids.length, 0, skipped, List.of(), false);
        }
        Map<String, String> before = new LinkedHashMap<>();
        revert.forEach(r -> before.put(r, current.get(r)));
        Map<String, String> after = new LinkedHashMap<>();
        if (!revert.isEmpty()) {
            List<JsonNode> images = revert.stream().map(befores::get).toList();
            try (PreparedStatement statement = connection.prepareStatement(update)) {
                statement.setString(1, ActionExecutor.json(images));
                statement.setObject(2, revert.toArray(String[]::new));
                statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + id + "::text, to_jsonb(t)::text FROM "
                    + table + " t WHERE " + id + " = ANY(" + idsSql + ")")) {
                statement.setObject(1, revert.toArray(String[]::new));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        after.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        long auditId = AuditLog.insert(connection, new AuditLog.Batch(UUID.randomUUID(), 1, entry.profileId(), entry.schema(),
                entry.table(), entry.queue(), entry.actionId(), entry.id(), entry.selectorJson(), entry.parametersJson(),
                reason, update, ids.length, revert.size(), skipped.size(), 0, ActionExecutor.images(before, after),
                ActionExecutor.json(skipped), null));
        listener.beforeCommit(connection);
        connection.commit();
        connection.setAutoCommit(true);
        return new ActionResult(entry.profileId(), ACTION_ID, false, ids.length, revert.size(), skipped, List.of(auditId), false);
    }
}
