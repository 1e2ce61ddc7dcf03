package io.pitwall.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Open the desktop console on the embedded demo database.")
final class DemoCommand implements Callable<Integer> {

    private final Desktop desktop;

    DemoCommand(Desktop desktop) {
        this.desktop = desktop;
    }

    @Override
    public Integer call() {
        return desktop.open(true);
    }
}
