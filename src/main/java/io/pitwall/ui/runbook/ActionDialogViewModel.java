package io.pitwall.ui.runbook;

import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.DatabasePools;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ActionSpec;
import io.pitwall.runbook.ActionPreview;
import io.pitwall.runbook.ActionRequest;
import io.pitwall.runbook.ActionResult;
import io.pitwall.runbook.AuditEntry;
import io.pitwall.runbook.UndoExecutor;
import io.pitwall.runbook.PreviewRow;
import io.pitwall.runbook.Runbook;
import io.pitwall.runbook.Skip;
import io.pitwall.ui.common.Errors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One action from preview to result: previews on the monitor pool, then runs on the actions pool, batch by batch,
 * with a progress value and a cancel between batches. All I/O runs on the executor; results land on the FX thread.
 */
public final class ActionDialogViewModel {

    public enum Phase { PREVIEWING, READY, RUNNING, DONE, FAILED }

    // Properties
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.PREVIEWING);
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sql = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ObservableList<PreviewRow> rows = FXCollections.observableArrayList();
    private final ObservableList<Skip> skipped = FXCollections.observableArrayList();
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty typedCount = new SimpleStringProperty("");
    private final BooleanProperty everyRow = new SimpleBooleanProperty(false);
    private final StringProperty typedName = new SimpleStringProperty("");
    private final StringProperty actionPassword = new SimpleStringProperty("");
    private final ObjectProperty<ActionPreview> preview = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<ActionResult> result = new ReadOnlyObjectWrapper<>();
    private final Map<String, StringProperty> parameters = new LinkedHashMap<>();
    private final BooleanBinding canApply;

    private final Executor executor;
    private final Runbook runbook;
    private final ConnectionIdentity identity;
    private final DatabasePools pools;
    private final ActionSpec spec;
    private final ActionRequest baseRequest;
    private final String where;
    private final AtomicBoolean cancel = new AtomicBoolean();
    private final Long undoOf;

    /** Undo of an audit entry, through the same confirm dialog as every action: rows, SQL, reason, typed count. */
    public static ActionDialogViewModel forUndo(Executor executor, MonitorSession session, AuditEntry entry, String reason) {
        ActionDialogViewModel viewModel = new ActionDialogViewModel(executor, session,
                UndoExecutor.undoSpec(entry, session.registry()), new ActionRequest(entry.profileId(), UndoExecutor.ACTION_ID,
                        List.of(), null, null, false, Map.of(), null), null, entry.id());
        viewModel.reason.set(reason == null ? "" : reason);
        return viewModel;
    }

    public ActionDialogViewModel(Executor executor, MonitorSession session, ActionSpec spec, ActionRequest request) {
        this(executor, session, spec, request, null);
    }

    /** @param where the one place (schema.table) to act on, as the card the operator looked at shows it */
    public ActionDialogViewModel(Executor executor, MonitorSession session, ActionSpec spec, ActionRequest request,
                                 String where) {
        this(executor, session, spec, request, where, null);
    }

    private ActionDialogViewModel(Executor executor, MonitorSession session, ActionSpec spec, ActionRequest request,
                                  String where, Long undoOf) {
        this.executor = executor;
        this.undoOf = undoOf;
        this.where = where;
        this.runbook = new Runbook(session);
        this.identity = session.pools().identity();
        this.pools = session.pools();
        this.spec = spec;
        this.baseRequest = request;
        parameters.putAll(ActionParameters.fields(spec, request));
        canApply = Bindings.createBooleanBinding(this::applicable, phase, reason, typedCount, typedName, preview, everyRow,
                actionPassword);
    }

    private boolean applicable() {
        ActionPreview current = preview.get();
        if (phase.get() != Phase.READY || current == null || current.allowedRows().isEmpty()
                || reason.get() == null || reason.get().isBlank()) {
            return false;
        }
        if (current.needsAll() && !everyRow.get()) {
            return false;
        }
        if (identity.readOnly()) {
            return false;
        }
        if (identity.production() && !typedName.get().strip().equals(identity.name())) {
            return false;
        }
        if (pools.asksActionPassword() && actionPassword.get().isEmpty()) {
            return false;
        }
        return !current.large() || typedCount.get().strip().equals(String.valueOf(current.allowedRows().size()));
    }

    /** The database this action would change: its name, environment and colour head the dialog. */
    public ConnectionIdentity identity() {
        return identity;
    }

    /** The role this acts as, when its password is asked for each action; null when none is asked. */
    public String actionRoleAsked() {
        return pools.asksActionPassword() ? pools.actionUser() : null;
    }

    /** The action role's password for the next run only (emptied when the run starts; never stored). */
    public StringProperty actionPasswordProperty() {
        return actionPassword;
    }

    /** On a production connection the operator types the connection's name as well as the count. */
    public StringProperty typedNameProperty() {
        return typedName;
    }

    // Commands

    /** Reads what the action would touch, with the parameters as they are in the form. */
    public void refreshPreview() {
        phase.set(Phase.PREVIEWING);
        message.set("");
        ActionRequest request = request();
        Task<List<ActionPreview>> task = new Task<>() {
            @Override
            protected List<ActionPreview> call() throws Exception {
                return undoOf != null ? List.of(runbook.undoPreview(undoOf)) : runbook.preview(request, where);
            }
        };
        task.setOnSucceeded(e -> {
            ActionPreview first = task.getValue().getFirst();
            preview.set(first);
            rows.setAll(first.rows());
            skipped.setAll(first.missing());
            headline.set(first.headline());
            sql.set(PreviewText.sql(first));
            String notice = PreviewText.notice(first);
            if (notice != null) {
                message.set(notice);
            }
            phase.set(Phase.READY);
        });
        task.setOnFailed(e -> fail(task.getException()));
        executor.execute(task);
    }

    /** Runs the previewed rows; the guards are re-checked under row locks, batch by batch. */
    public void apply() {
        if (!canApply.get()) {
            return;
        }
        ActionPreview confirmed = withReason(preview.get());
        phase.set(Phase.RUNNING);
        cancel.set(false);
        // Taken for this run only: the field is emptied at once, and the run's pool closes with the run.
        String password = actionPassword.get();
        actionPassword.set("");
        ActionRun task = new ActionRun(runbook, pools, undoOf, confirmed, password, cancel, progress::set, result::set);
        task.setOnSucceeded(e -> {
            ActionResult done = task.getValue();
            result.set(done);
            skipped.setAll(done.skipped());
            message.set("Applied " + done.applied() + " of " + done.matched() + ", skipped " + done.skipped().size()
                    + (done.cancelled() ? " (cancelled between batches)" : "")
                    + (done.auditId() != null ? " · audit #" + done.auditId() : ""));
            phase.set(Phase.DONE);
        });
        task.setOnFailed(e -> fail(task.getException()));
        executor.execute(task);
    }

    /** Stops after the running batch; committed batches stay, and are audited. */
    public void cancelRemaining() {
        cancel.set(true);
    }

    private ActionPreview withReason(ActionPreview p) {
        ActionPreview confirmed = p.withReason(reason.get().strip());
        return everyRow.get() ? confirmed.withAll() : confirmed;
    }

    private ActionRequest request() {
        Map<String, String> values = ActionParameters.values(parameters);
        // The executor wants a reason at preview time too; the real one replaces it before anything runs.
        return new ActionRequest(baseRequest.profileId(), baseRequest.actionId(), baseRequest.taskIds(), baseRequest.kind(),
                baseRequest.state(), baseRequest.stuck(), values, "preview", everyRow.get(), baseRequest.queue());
    }

    /** A failed preview leaves the form open (fix a parameter, preview again); a failed run ends the dialog. */
    private void fail(Throwable error) {
        message.set(Errors.describe(error));
        phase.set(phase.get() == Phase.RUNNING ? Phase.FAILED : Phase.READY);
    }

    // Queries
    public ActionSpec spec() {
        return spec;
    }

    public Map<String, StringProperty> parameters() {
        return parameters;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sqlProperty() {
        return sql.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ObservableList<PreviewRow> rows() {
        return rows;
    }

    public ObservableList<Skip> skipped() {
        return skipped;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    /** The console's {@code --all}: act on every row the scope finds, for an action with no undo and no selector. */
    public BooleanProperty everyRowProperty() {
        return everyRow;
    }

    public boolean isUndo() {
        return undoOf != null;
    }

    public StringProperty typedCountProperty() {
        return typedCount;
    }

    public ReadOnlyObjectProperty<ActionPreview> previewProperty() {
        return preview;
    }

    public ReadOnlyObjectProperty<ActionResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public BooleanBinding canApplyProperty() {
        return canApply;
    }
}
