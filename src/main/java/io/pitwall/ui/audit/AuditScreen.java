package io.pitwall.ui.audit;

import io.pitwall.ui.shell.BaseScreen;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;

import java.util.concurrent.Executor;

/** The audit log as a navigation entry. */
public final class AuditScreen extends BaseScreen<AuditViewModel> {

    public AuditScreen(Executor executor) {
        this(executor, new AuditViewModel(executor));
    }

    private AuditScreen(Executor executor, AuditViewModel viewModel) {
        super("Audit", MaterialDesignH.HISTORY, viewModel, new AuditView(viewModel));
    }
}
