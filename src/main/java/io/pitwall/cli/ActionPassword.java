package io.pitwall.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The action role's password for one command-line action, when ~/.pgpass has none for it: the first line of stdin
 * (--act-as-password-stdin, for scripts) or asked on the terminal without echo. Never taken from the command line,
 * where every user of the machine can read it in the process list. Without either, the action is refused.
 */
final class ActionPassword {

    /** Asks on a terminal without echo; null from {@link #terminal()} when there is none. */
    interface Prompt {
        char[] read(String question);
    }

    /** Bytes a password line may take; more is not a password but a file piped by mistake. */
    private static final int MAX_BYTES = 4096;

    private ActionPassword() {
    }

    /**
     * The terminal, when stdin is one: System.console() when stdout is one too; else (stdout redirected, as in
     * {@code act … --json > out.json}) the controlling terminal /dev/tty, where ssh and sudo ask. Null when stdin
     * is not a terminal (a pipe, a file, a test): then nothing is asked and nothing waits.
     */
    static Prompt terminal() {
        Console console = System.console();
        if (console != null && console.isTerminal()) {
            return question -> console.readPassword("%s", question);
        }
        Path tty = Path.of("/dev/tty");
        if (!stdinIsTerminal()) {
            return null;
        }
        try (var probe = Files.newByteChannel(tty, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return question -> fromTty(tty, question);
        } catch (IOException | RuntimeException noControllingTerminal) {
            return null;
        }
    }

    /** Linux's view of file descriptor 0: a terminal is /dev/pts/N or /dev/ttyN. */
    private static boolean stdinIsTerminal() {
        try {
            String stdin = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return stdin.startsWith("/dev/pts/") || stdin.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Asks on /dev/tty with its echo off (stty), restoring the echo whatever happens. */
    private static char[] fromTty(Path tty, String question) {
        try (var out = Files.newOutputStream(tty, StandardOpenOption.WRITE)) {
            out.write(question.getBytes(StandardCharsets.UTF_8));
            out.flush();
            stty(tty, "-echo");
            try (InputStream in = Files.newInputStream(tty)) {
                String line = firstLine(in);
                return line == null ? new char[0] : line.toCharArray();
            } finally {
                stty(tty, "echo");
                out.write('\n');
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot ask for the password on the terminal: " + e.getMessage());
        }
    }

    private static void stty(Path tty, String setting) throws IOException {
        try {
            Process stty = new ProcessBuilder("stty", setting).redirectInput(tty.toFile()).start();
            if (!stty.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) || stty.exitValue() != 0) {
                stty.destroyForcibly();
                throw new IOException("stty " + setting + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * @param role     the role acted as
     * @param where    the connection, as the operator knows it
     * @param useStdin --act-as-password-stdin was given
     * @param prompt   the terminal, or null when there is none
     */
    static String obtain(String role, String where, boolean useStdin, InputStream stdin, Prompt prompt) {
        if (useStdin) {
            String line = firstLine(stdin);
            if (line == null || line.isEmpty()) {
                throw new CliException(ExitCodes.REFUSED, "--act-as-password-stdin: stdin held no password for role "
                        + role + "; nothing was changed");
            }
            return line;
        }
        if (prompt == null) {
            throw new CliException(ExitCodes.REFUSED, "connection " + where + " acts as role " + role
                    + ", whose password is not in ~/.pgpass and there is no terminal to ask for it; nothing was changed. "
                    + "Give it with a ~/.pgpass line (host:port:database:" + role + ":password, mode 0600; PGPASSFILE "
                    + "names another file), with --act-as-password-stdin (the password on stdin's first line), or run "
                    + "on a terminal to be asked. It is never taken from the command line");
        }
        char[] typed = prompt.read("Password for role " + role + " on " + where + ": ");
        if (typed == null || typed.length == 0) {
            throw new CliException(ExitCodes.REFUSED, "no password given for role " + role + "; nothing was changed");
        }
        String password = new String(typed);
        java.util.Arrays.fill(typed, '\0');
        return password;
    }

    private static String firstLine(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                if (line.size() >= MAX_BYTES) {
                    throw new CliException(ExitCodes.BAD_INPUT, "--act-as-password-stdin: the first line of stdin is "
                            + "longer than " + MAX_BYTES + " bytes: not a password");
                }
                line.write(b);
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "--act-as-password-stdin: cannot read stdin: " + e.getMessage());
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
