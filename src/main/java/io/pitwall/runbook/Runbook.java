package io.pitwall.runbook;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ActionSpec;
import io.pitwall.profile.Binding;
import io.pitwall.queue.StuckItem;

import io.pitwall.connect.ReadOnlyConnectionException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The write side for one database, shared by the command line and the console: previews run on the monitor's
 * read-only pool, executions on the actions pool.
 */
public final class Runbook {

    private final MonitorSession session;
    private final ActionExecutor executor;

    public Runbook(MonitorSession session) {
        this(session, new ActionExecutor());
    }

    public Runbook(MonitorSession session, ActionExecutor executor) {
        this.session = session;
        this.executor = executor;
    }

    public MonitorSession session() {
        return session;
    }

    /** One preview per place the profile was found (real Absurd has one per queue). */
    public List<ActionPreview> preview(ActionRequest request) throws SQLException {
        return preview(request, null);
    }

    /** @param where only the binding shown as {@code schema.table} (one queue's card), or null for all */
    public List<ActionPreview> preview(ActionRequest request, String where) throws SQLException {
        List<Binding> bindings = session.detection().forProfile(request.profileId()).stream()
                .filter(b -> where == null || b.where().equals(where)).toList();
        if (bindings.isEmpty()) {
            throw new BadActionRequest("profile '" + request.profileId() + "' was not found in this database (see: pitwall detect)");
        }
        // An action whose function or column this database lacks is not offered here (Absurd before 0.2.0 has no
        // retry_task): refuse before any preview, saying why, instead of a guard-ok dry run and a failing --yes.
        List<String> notOffered = bindings.stream().filter(b -> b.whyNotOffered(request.actionId()) != null)
                .map(b -> b.where() + ": " + b.whyNotOffered(request.actionId())).toList();
        bindings = bindings.stream().filter(b -> b.whyNotOffered(request.actionId()) == null).toList();
        if (bindings.isEmpty()) {
            throw new ActionRefused("action " + request.actionId() + " is not offered for this database: "
                    + String.join("; ", notOffered));
        }
        List<ActionPreview> previews = new ArrayList<>();
        for (Binding binding : bindings) {
            ActionSpec spec = binding.profile().action(request.actionId()).orElse(null);
            if (request.stuck() && spec != null && spec.stuck() == null && !spec.onQueues()) {
                previews.add(previewStuck(binding, spec, request));
            } else {
                previews.add(executor.preview(session.pools().monitor(), binding, request));
            }
        }
        return previews;
    }

    /**
     * {@code --stuck} for an action without a stuck selection of its own: the rows the profile's stuck rules find
     * (the monitor's rules, so the action acts on what the stuck screen shows), each still checked by the guards.
     */
    private ActionPreview previewStuck(Binding binding, ActionSpec spec, ActionRequest request) throws SQLException {
        String object = spec.objectOrTask();
        List<String> ids = session.stuck(request.profileId(), List.of(), request.kind()).stream()
                .filter(item -> item.where().equals(binding.where()) || binding.queue() == null)
                .filter(item -> object.equals(item.object()))
                .map(StuckItem::id).distinct().toList();
        if (ids.isEmpty()) {
            return new ActionPreview(binding, spec, request, List.of(), List.of(), "", "(nothing is stuck)", Map.of(),
                    List.of());
        }
        ActionRequest byId = new ActionRequest(request.profileId(), request.actionId(), ids, request.kind(), request.state(),
                false, request.parameters(), request.reason());
        return executor.preview(session.pools().monitor(), binding, byId);
    }

    public ActionResult execute(List<ActionPreview> previews, ActionListener listener) throws ActionFailed {
        DataSource actions = actions();
        List<ActionResult> results = new ArrayList<>();
        for (ActionPreview preview : previews) {
            if (listener.cancelRequested()) {
                break;
            }
            results.add(executor.execute(actions, preview, listener));
        }
        return merge(previews.getFirst(), results);
    }

    private static ActionResult merge(ActionPreview first, List<ActionResult> results) {
        if (results.size() == 1) {
            return results.getFirst();
        }
        int matched = 0;
        int applied = 0;
        List<Skip> skipped = new ArrayList<>();
        List<Long> audit = new ArrayList<>();
        boolean cancelled = false;
        for (ActionResult result : results) {
            matched += result.matched();
            applied += result.applied();
            skipped.addAll(result.skipped());
            audit.addAll(result.auditIds());
            cancelled |= result.cancelled();
        }
        return new ActionResult(first.binding().profile().id(), first.spec().id(), false, matched, applied, skipped, audit,
                cancelled);
    }

    /** The action pool; a read-only connection refuses here, before anything is sent. */
    private DataSource actions() {
        try {
            return session.pools().actions();
        } catch (ReadOnlyConnectionException e) {
            throw new ActionRefused(e.getMessage());
        }
    }

    public ActionResult undo(long auditId, String reason, boolean dryRun, ActionListener listener) throws SQLException {
        return new UndoExecutor(executor).undo(actions(), session.registry(), auditId, reason, dryRun, listener);
    }

    public List<AuditEntry> audit(Duration since, int limit) throws SQLException {
        try (Connection connection = session.pools().monitor().getConnection()) {
            return AuditLog.list(connection, since, limit);
        }
    }

    /** Null when the entry can be undone, otherwise why not. */
    public String whyNoUndo(AuditEntry entry) {
        if (session.pools().readOnly()) {
            return "this connection is read-only: no action, undo included, runs on it";
        }
        return UndoExecutor.whyNot(entry, session.registry());
    }
}
