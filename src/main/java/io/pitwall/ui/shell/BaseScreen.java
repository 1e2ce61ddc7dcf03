package io.pitwall.ui.shell;

import io.pitwall.monitor.MonitorSession;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/** A screen made of one view model and its view; the subclass names it and builds both. */
public abstract class BaseScreen<M extends ShowsSession> implements Screen {

    private final String title;
    private final Ikon icon;
    private final M viewModel;
    private final Node view;

    protected BaseScreen(String title, Ikon icon, M viewModel, Node view) {
        this.title = title;
        this.icon = icon;
        this.viewModel = viewModel;
        this.view = view;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final Ikon icon() {
        return icon;
    }

    @Override
    public final Node view() {
        return view;
    }

    @Override
    public final void show(MonitorSession session) {
        viewModel.show(session);
    }

    public final M viewModel() {
        return viewModel;
    }
}
