package io.pitwall.ui.shell;

import io.pitwall.monitor.MonitorSession;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/**
 * One screen in the console's navigation. Only the selected screen's view is in the scene, so a screen
 * starts polling when its view gets a scene and stops when it loses it.
 */
public interface Screen {

    String title();

    Ikon icon();

    Node view();

    /** The database to show from now on, or null when there is none. Called on the FX thread. */
    void show(MonitorSession session);
}
