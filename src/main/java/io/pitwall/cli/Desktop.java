package io.pitwall.cli;

/** Opens the desktop console; the ui layer provides it so the command line never depends on JavaFX. */
public interface Desktop {

    /**
     * Blocks until the window closes.
     *
     * @param demo start the embedded demo database and open the console on it
     */
    int open(boolean demo);
}
