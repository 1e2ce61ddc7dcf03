package io.pitwall.ui;

import io.pitwall.cli.Desktop;
import javafx.application.Application;

/** Opens the JavaFX console; a plain class so the jar's main needs no JavaFX module setup. */
public final class DesktopLauncher implements Desktop {

    @Override
    public int open(boolean demo) {
        PitwallApp.startInDemo(demo);
        Application.launch(PitwallApp.class);
        return 0;
    }
}
