package io.pitwall.ui.audit;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.runbook.AuditEntry;
import io.pitwall.runbook.Runbook;
import io.pitwall.ui.shell.ShowsSession;
import io.pitwall.ui.common.Errors;
import io.pitwall.ui.runbook.ActionDialogViewModel;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/** Past actions from pitwall.audit_log, newest first, and undo of one of them (itself guarded and audited). */
public final class AuditViewModel implements ShowsSession {

    public static final Duration WINDOW = Duration.ofDays(30);
    private static final String CANNOT_READ = "Cannot read the audit log: ";

    /** An entry and, when it cannot be undone, why not. */
    public record Row(AuditEntry entry, String noUndo) {
        public boolean undoable() {
            return noUndo == null;
        }
    }

    // Properties
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final javafx.collections.transformation.FilteredList<Row> shown = new javafx.collections.transformation.FilteredList<>(rows);
    private final ObservableList<String> actions = FXCollections.observableArrayList();
    private final ObservableList<String> targets = FXCollections.observableArrayList();
    private final ObjectProperty<String> actionFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<String> targetFilter = new SimpleObjectProperty<>();
    private final StringProperty actorFilter = new SimpleStringProperty("");
    private final ObjectProperty<AuditFilter.Outcome> outcomeFilter = new SimpleObjectProperty<>(AuditFilter.Outcome.ANY);
    private final StringProperty textFilter = new SimpleStringProperty("");
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final StringProperty undoReason = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    private final Executor executor;
    private MonitorSession session;
    private Long reveal;
    private io.pitwall.ui.runbook.ActionOutcomes outcomes;

    public AuditViewModel(Executor executor) {
        this.executor = executor;
        javafx.beans.InvalidationListener refilter = obs -> {
            AuditFilter filter = filter();
            shown.setPredicate(row -> filter.matches(row.entry()));
        };
        for (javafx.beans.Observable field : List.of(actionFilter, targetFilter, actorFilter, outcomeFilter, textFilter)) {
            field.addListener(refilter);
        }
    }

    /** The filter as the fields now stand. */
    AuditFilter filter() {
        return new AuditFilter(actionFilter.get(), targetFilter.get(), actorFilter.get(), outcomeFilter.get(),
                textFilter.get());
    }

    /** Every field back to "all". */
    public void clearFilter() {
        actionFilter.set(null);
        targetFilter.set(null);
        actorFilter.set("");
        outcomeFilter.set(AuditFilter.Outcome.ANY);
        textFilter.set("");
    }

    // Commands
    @Override
    public void show(MonitorSession newSession) {
        session = newSession;
        rows.clear();
        message.set("");
        if (newSession != null) {
            reload();
        }
    }

    /** Reads the log again and selects entry {@code auditId}: the notice of a finished action opens it. */
    /** Where an undo's end is announced, so the views showing its rows read again. */
    public void setOutcomes(io.pitwall.ui.runbook.ActionOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    public void reveal(long auditId) {
        reveal = auditId;
        reload();
    }

    public void reload() {
        MonitorSession current = session;
        if (current == null) {
            return;
        }
        Task<List<Row>> task = new Task<>() {
            @Override
            protected List<Row> call() throws Exception {
                Runbook runbook = new Runbook(current);
                return runbook.audit(WINDOW, 500).stream().map(e -> new Row(e, runbook.whyNoUndo(e))).toList();
            }
        };
        task.setOnSucceeded(e -> {
            Long keep = reveal != null ? reveal : selected.get() == null ? null : selected.get().entry().id();
            rows.setAll(task.getValue());
            if (message.get().startsWith(CANNOT_READ)) {
                message.set(""); // read again: an earlier failure no longer holds
            }
            actions.setAll(rows.stream().map(r -> r.entry().actionId()).distinct().sorted().toList());
            targets.setAll(rows.stream().map(r -> AuditFilter.target(r.entry())).distinct().sorted().toList());
            // An entry asked for by number (a finished action's notice) is shown even if the filter hid it.
            if (reveal != null && rows.stream().anyMatch(r -> r.entry().id() == reveal)
                    && shown.stream().noneMatch(r -> r.entry().id() == reveal)) {
                clearFilter();
            }
            reveal = null;
            selected.set(shown.stream().filter(r -> keep != null && r.entry().id() == keep).findFirst().orElse(null));
        });
        task.setOnFailed(e -> message.set(CANNOT_READ + Errors.describe(task.getException())));
        executor.execute(task);
    }

    /**
     * Undo of the selected entry, as the confirm dialog's view model: undo is an action like any other, so it shows
     * its rows and SQL, takes the reason and asks for the count to be typed when large, before anything changes.
     * Null when nothing undoable is selected or no reason is given.
     */
    public ActionDialogViewModel undoDialog() {
        Row row = selected.get();
        String reason = undoReason.get() == null ? "" : undoReason.get().strip();
        if (row == null || !row.undoable() || reason.isEmpty() || session == null) {
            return null;
        }
        ActionDialogViewModel dialog = ActionDialogViewModel.forUndo(executor, session, row.entry(), reason);
        dialog.resultProperty().addListener((obs, old, result) -> {
            if (result == null) {
                return;
            }
            message.set("Undo of #" + row.entry().id() + ": restored " + result.applied() + " of " + result.matched()
                    + (result.skipped().isEmpty() ? "" : "; skipped " + result.skipped().size() + " — "
                    + result.skipped().getFirst().id() + ": " + result.skipped().getFirst().reason())
                    + (result.auditId() != null ? " · audit #" + result.auditId() : ""));
            undoReason.set("");
            reload();
            if (outcomes != null) {
                outcomes.publish(new io.pitwall.ui.runbook.ActionOutcomes.Outcome("Undo of #" + row.entry().id(), result, null));
            }
        });
        return dialog;
    }

    // Queries
    /** The entries the filter lets through, newest first. */
    public ObservableList<Row> rows() {
        return shown;
    }

    /** How many entries were read, filtered or not. */
    public int total() {
        return rows.size();
    }

    public ObservableList<String> actions() {
        return actions;
    }

    public ObservableList<String> targets() {
        return targets;
    }

    public ObjectProperty<String> actionFilterProperty() {
        return actionFilter;
    }

    public ObjectProperty<String> targetFilterProperty() {
        return targetFilter;
    }

    public StringProperty actorFilterProperty() {
        return actorFilter;
    }

    public ObjectProperty<AuditFilter.Outcome> outcomeFilterProperty() {
        return outcomeFilter;
    }

    public StringProperty textFilterProperty() {
        return textFilter;
    }

    public ObjectProperty<Row> selectedProperty() {
        return selected;
    }

    public StringProperty undoReasonProperty() {
        return undoReason;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
