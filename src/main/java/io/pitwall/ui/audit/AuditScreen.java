package io.pitwall.ui.audit;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.ui.shell.Screen;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;

import java.util.concurrent.Executor;

/** The audit log as a navigation entry. */
public final class AuditScreen implements Screen {

    private final AuditViewModel viewModel;
    private final AuditView view;

    public AuditScreen(Executor executor) {
        viewModel = new AuditViewModel(executor);
        view = new AuditView(viewModel);
    }

    @Override
    public String title() {
        return "Audit";
    }

    @Override
    public Ikon icon() {
        return MaterialDesignH.HISTORY;
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void show(MonitorSession session) {
        viewModel.show(session);
    }

    public AuditViewModel viewModel() {
        return viewModel;
    }
}
