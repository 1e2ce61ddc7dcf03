package io.pitwall.ui.runbook;

import io.pitwall.connect.DatabasePools;
import io.pitwall.runbook.ActionFailed;
import io.pitwall.runbook.ActionListener;
import io.pitwall.runbook.ActionPreview;
import io.pitwall.runbook.ActionResult;
import io.pitwall.runbook.Runbook;
import javafx.application.Platform;
import javafx.concurrent.Task;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * One confirmed action (or undo) running on the executor, batch by batch, with progress and a cancel between
 * batches. Where the connection acts as a role whose password is asked per action, it logs in with the password
 * given for this run only; the pool holding it is closed when the run ends, and the password with it.
 */
final class ActionRun extends Task<ActionResult> {

    private final Runbook runbook;
    private final DatabasePools pools;
    private final Long undoOf;
    private final ActionPreview confirmed;
    private final String actionPassword;
    private final AtomicBoolean cancel;
    private final DoubleConsumer progress;
    private final Consumer<ActionResult> committedBeforeFailure;

    ActionRun(Runbook runbook, DatabasePools pools, Long undoOf, ActionPreview confirmed, String actionPassword,
              AtomicBoolean cancel, DoubleConsumer progress, Consumer<ActionResult> committedBeforeFailure) {
        this.runbook = runbook;
        this.pools = pools;
        this.undoOf = undoOf;
        this.confirmed = confirmed;
        this.actionPassword = actionPassword;
        this.cancel = cancel;
        this.progress = progress;
        this.committedBeforeFailure = committedBeforeFailure;
    }

    @Override
    protected ActionResult call() throws Exception {
        try (DatabasePools.ActionCredentials ignored = pools.actingWith(actionPassword)) {
            if (undoOf != null) {
                return runbook.undo(undoOf, confirmed.request().reason(), false, ActionListener.NONE);
            }
            return runbook.execute(List.of(confirmed), new ActionListener() {
                @Override
                public void batchDone(int rowsDone, int rowsTotal) {
                    Platform.runLater(() -> progress.accept((double) rowsDone / rowsTotal));
                }

                @Override
                public boolean cancelRequested() {
                    return cancel.get();
                }
            });
        } catch (ActionFailed failed) {
            Platform.runLater(() -> committedBeforeFailure.accept(failed.committed()));
            throw failed;
        }
    }
}
