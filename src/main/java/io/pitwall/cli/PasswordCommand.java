package io.pitwall.cli;

import io.pitwall.connect.BadTargetException;
import io.pitwall.connect.SavedConnections;
import io.pitwall.connect.SavedConnections.Saved;
import io.pitwall.connect.SavedPasswords;
import io.pitwall.connect.keyring.Keyring;
import io.pitwall.connect.keyring.KeyringException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Saved connections' passwords in the desktop keyring. The password is read from the terminal without echo, or from
 * stdin; never from the command line, where every user of the machine could read it.
 */
@Command(name = "password", mixinStandardHelpOptions = true,
        description = "Passwords of saved connections in the desktop keyring (Secret Service).",
        footer = {"", "A connection's password is the first of: the one given for this connect, the desktop keyring's",
                "entry for exactly its user@host:port/database, PGPASSWORD, ~/.pgpass.",
                "Exit codes: 0 done; 1 keyring unreachable; 2 unknown connection or bad input; 3 keyring locked."})
final class PasswordCommand implements Callable<Integer> {

    private final Output output;

    PasswordCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        throw new CliException(ExitCodes.BAD_INPUT, "say what to do: password set, forget or status");
    }

    @Command(name = "set", description = "Store a saved connection's password (read from the terminal or stdin).")
    int set(@Option(names = "--connection", required = true, paramLabel = "NAME") String name,
            @Option(names = "--json") boolean json) {
        Saved saved = saved(name);
        String password = readPassword(saved);
        try {
            SavedPasswords.ofSystem().store(saved, password);
        } catch (KeyringException e) {
            throw refusal(e);
        } catch (BadTargetException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "saved connection '" + name + "': " + e.getMessage());
        }
        report(json, name, "stored", "password of " + name + " stored in the desktop keyring");
        return ExitCodes.DONE;
    }

    @Command(name = "forget", description = "Remove a saved connection's password from the desktop keyring.")
    int forget(@Option(names = "--connection", required = true, paramLabel = "NAME") String name,
               @Option(names = "--json") boolean json) {
        Saved saved = saved(name);
        boolean removed;
        try {
            removed = SavedPasswords.ofSystem().forget(saved);
        } catch (KeyringException e) {
            throw refusal(e);
        } catch (BadTargetException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "saved connection '" + name + "': " + e.getMessage());
        }
        report(json, name, removed ? "forgotten" : "none", removed ? "password of " + name
                + " removed from the desktop keyring" : "the desktop keyring held no password for " + name);
        return ExitCodes.DONE;
    }

    @Command(name = "status", description = "Is the keyring available, which saved connections have a password in it.")
    int status(@Option(names = "--json") boolean json) {
        SavedPasswords passwords = SavedPasswords.ofSystem();
        Keyring.Status status = passwords.status();
        List<Saved> saved = SavedConnections.inUserConfig().list();
        Map<String, Boolean> stored = new LinkedHashMap<>();
        String problem = null;
        if (status.available()) {
            try {
                stored = passwords.stored(saved);
            } catch (KeyringException e) {
                problem = e.getMessage();
            }
        }
        if (json) {
            Map<String, Object> keyring = new LinkedHashMap<>();
            keyring.put("available", status.available());
            keyring.put("locked", status.locked());
            keyring.put("session", status.algorithm().isEmpty() ? null : status.algorithm());
            keyring.put("reason", status.reason().isEmpty() ? problem : status.reason());
            List<Map<String, Object>> connections = new ArrayList<>();
            for (Saved connection : saved) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", connection.name());
                row.put("uri", connection.uri());
                row.put("passwordInKeyring", stored.get(connection.name()));
                connections.add(row);
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("keyring", keyring);
            document.put("connections", connections);
            output.json(document);
            return ExitCodes.DONE;
        }
        output.line(status.describe() + (problem == null ? "" : "; " + problem));
        for (Saved connection : saved) {
            Boolean held = stored.get(connection.name());
            output.line("  " + connection.name() + "  " + connection.uri() + "  "
                    + (held == null ? "keyring not asked" : held ? "password in keyring" : "no password in keyring"));
        }
        return ExitCodes.DONE;
    }

    private static Saved saved(String name) {
        return SavedConnections.inUserConfig().named(name).orElseThrow(() -> new CliException(ExitCodes.BAD_INPUT,
                "no saved connection named '" + name + "' (see pitwall password status)"));
    }

    /** Unreachable keyring: 1 (it failed); locked: 3 (refused, nothing was changed). */
    private static CliException refusal(KeyringException e) {
        return new CliException(e.kind() == KeyringException.Kind.LOCKED ? ExitCodes.REFUSED : ExitCodes.FAILED,
                e.kind() == KeyringException.Kind.UNAVAILABLE ? "desktop keyring unavailable: " + e.getMessage()
                        : e.getMessage());
    }

    private static String readPassword(Saved saved) {
        Console console = System.console();
        String password;
        if (console != null && console.isTerminal()) {
            char[] typed = console.readPassword("Password for %s (%s): ", saved.name(), saved.uri());
            password = typed == null ? null : new String(typed);
        } else {
            try {
                // One line of stdin, so `printf '%s\n' "$pw" | pitwall password set` and a here-string both work.
                password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new CliException(ExitCodes.BAD_INPUT, "cannot read the password from stdin: " + e.getMessage());
            }
        }
        if (password == null || password.isEmpty()) {
            throw new CliException(ExitCodes.BAD_INPUT, "no password given on the terminal or stdin; nothing stored");
        }
        return password;
    }

    private void report(boolean json, String name, String result, String text) {
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("connection", name);
            document.put("result", result);
            output.json(document);
        } else {
            output.line(text);
        }
    }
}
