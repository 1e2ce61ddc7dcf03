package io.pitwall.runbook;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ActionSpec;
import io.pitwall.profile.Binding;

import io.pitwall.connect.ReadOnlyConnectionException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * The write side for one database, shared by the command line and the console: previews run in read-only
 * transactions on the primary (never a standby the screens may read), executions on the actions pool.
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
                .filter(b -> where == null || b.where().equals(where))
                .filter(b -> request.queue() == null || b.queue() == null || b.queue().equals(request.queue())).toList();
        if (bindings.isEmpty() && request.queue() != null) {
            throw new BadActionRequest("profile '" + request.profileId() + "' has no queue '" + request.queue() + "' here");
        }
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
            ActionRequest asked = request;
            if (spec != null && spec.onQueues() && request.taskIds().isEmpty() && request.queue() != null) {
                // A queue action's rows are queue names: --queue Q names the one queue, as --task Q does.
                asked = new ActionRequest(request.profileId(), request.actionId(), List.of(request.queue()),
                        request.kind(), request.state(), request.stuck(), request.parameters(), request.reason(),
                        request.all(), request.queue());
            }
            // On the primary even when the screens read a standby: what the operator confirms is the primary's truth.
            previews.add(executor.preview(session.pools().primaryReads(), binding, asked));
        }
        return onlyReallyMissing(previews);
    }

    /**
     * A named id that one queue has is not missing because the other queues lack it: "no such row" is said once,
     * for ids no place has.
     */
    private static List<ActionPreview> onlyReallyMissing(List<ActionPreview> previews) {
        if (previews.size() < 2) {
            return previews;
        }
        Set<String> found = new HashSet<>();
        previews.forEach(p -> p.rows().forEach(r -> found.add(r.id())));
        Set<String> said = new HashSet<>();
        List<ActionPreview> adjusted = new ArrayList<>();
        for (ActionPreview p : previews) {
            List<Skip> missing = p.missing().stream().filter(s -> !found.contains(s.id()) && said.add(s.id())).toList();
            String places = previews.stream().map(q -> q.binding().where()).toList().toString();
            adjusted.add(p.withMissing(missing.stream().map(s -> new Skip(s.id(), "no such row in any of " + places)).toList()));
        }
        return adjusted;
    }

    public ActionResult execute(List<ActionPreview> previews, ActionListener listener) throws ActionFailed {
        // Refused before the first batch of any queue, so nothing half-happens across queues.
        DataSource actions = actions();
        for (ActionPreview preview : previews) {
            if (preview.needsAll()) {
                throw new ActionRefused(preview.needsAllReason());
            }
        }
        List<ActionResult> results = new ArrayList<>();
        for (int i = 0; i < previews.size(); i++) {
            ActionPreview preview = previews.get(i);
            if (listener.cancelRequested()) {
                results.add(untouched(previews.subList(i, previews.size()), true));
                break;
            }
            try {
                results.add(executor.execute(actions, preview, listener));
            } catch (ActionFailed failed) {
                results.add(failed.committed());
                if (i + 1 < previews.size()) {
                    results.add(untouched(previews.subList(i + 1, previews.size()), false));
                }
                throw new ActionFailed(failed.getMessage(), failed.getCause(), merge(previews.getFirst(), results));
            }
        }
        return merge(previews.getFirst(), results);
    }

    /** Places never reached: their rows were not attempted (their refusals and missing ids still count). */
    private static ActionResult untouched(List<ActionPreview> rest, boolean cancelled) {
        int matched = 0;
        int notAttempted = 0;
        List<Skip> skipped = new ArrayList<>();
        for (ActionPreview p : rest) {
            matched += p.matched() + p.missing().size();
            notAttempted += p.allowedRows().size();
            skipped.addAll(p.skipped());
        }
        ActionPreview first = rest.getFirst();
        return new ActionResult(first.binding().profile().id(), first.spec().id(), false, matched, 0, skipped, List.of(),
                cancelled, notAttempted);
    }

    private static ActionResult merge(ActionPreview first, List<ActionResult> results) {
        if (results.size() == 1) {
            return results.getFirst();
        }
        int matched = 0;
        int applied = 0;
        int notAttempted = 0;
        List<Skip> skipped = new ArrayList<>();
        List<Long> audit = new ArrayList<>();
        boolean cancelled = false;
        for (ActionResult result : results) {
            matched += result.matched();
            applied += result.applied();
            notAttempted += result.notAttempted();
            skipped.addAll(result.skipped());
            audit.addAll(result.auditIds());
            cancelled |= result.cancelled();
        }
        return new ActionResult(first.binding().profile().id(), first.spec().id(), false, matched, applied, skipped, audit,
                cancelled, notAttempted);
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
        // A dry run changes nothing: it reads the primary as a preview does, so it needs no action role's password.
        DataSource through = dryRun ? session.pools().primaryReads() : actions();
        return new UndoExecutor(executor).undo(through, session.registry(), auditId, reason, dryRun, listener);
    }

    /**
     * Undo's preview, for the same confirm dialog as every action: rows, SQL, and the typed count when large. Read
     * on the primary without locking, as an action's preview is, so a connection acting as a role whose password is
     * asked per action shows it before the password is given.
     */
    public ActionPreview undoPreview(long auditId) throws SQLException {
        return new UndoExecutor(executor).preview(session.pools().primaryReads(), session.registry(), auditId);
    }

    public List<AuditEntry> audit(Duration since, int limit) throws SQLException {
        // The primary's: an action just taken is on the record at once, whatever a standby has replayed.
        try (Connection connection = session.pools().primaryReads().getConnection()) {
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
