package io.pitwall;

import io.pitwall.cli.PitwallCommand;
import io.pitwall.ui.DesktopLauncher;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of target/pitwall.jar: the desktop console, or a command-line twin when a command is given. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(PitwallCommand.run(new DesktopLauncher(), out, err, args));
    }
}
