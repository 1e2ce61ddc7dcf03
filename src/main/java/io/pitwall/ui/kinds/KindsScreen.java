package io.pitwall.ui.kinds;

import io.pitwall.ui.runbook.ActionLauncher;
import io.pitwall.ui.runbook.ActionOutcomes;
import io.pitwall.ui.shell.BaseScreen;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.util.concurrent.Executor;

/** Queues & kinds as a navigation entry: where a kind is paused or resumed. */
public final class KindsScreen extends BaseScreen<KindsViewModel> {

    public KindsScreen(Executor executor, ActionOutcomes outcomes) {
        this(executor, new KindsViewModel(executor), outcomes);
    }

    private KindsScreen(Executor executor, KindsViewModel viewModel, ActionOutcomes outcomes) {
        super("Queues & kinds", MaterialDesignT.TABLE_LARGE, viewModel,
                new KindsView(viewModel, new ActionLauncher(executor, viewModel::session, outcomes)));
    }

    /** Narrows the table to one queue (a card's "kinds" link). */
    public void showQueue(String where) {
        viewModel().filterProperty().set(where == null ? "" : where);
    }
}
