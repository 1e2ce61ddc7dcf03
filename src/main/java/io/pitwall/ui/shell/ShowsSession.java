package io.pitwall.ui.shell;

import io.pitwall.monitor.MonitorSession;

/** A screen's view model: told which database to show, or null when there is none. */
public interface ShowsSession {

    void show(MonitorSession session);
}
