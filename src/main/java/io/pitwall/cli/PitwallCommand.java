package io.pitwall.cli;

import io.pitwall.queue.SafeText;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.concurrent.Callable;

/** The root command: with no subcommand it opens the desktop console. */
@Command(name = "pitwall", mixinStandardHelpOptions = true, version = "Pitwall 0.1",
        description = "Operations console for job queues and pipelines stored in PostgreSQL.",
        subcommands = {
            DemoCommand.class,
            DemoDbCommand.class,
            DetectCommand.class,
            StatusCommand.class,
            TimelineCommand.class,
            StuckCommand.class,
            FailedCommand.class,
            ShowCommand.class,
            ActionsCommand.class,
            ActCommand.class,
            AuditCommand.class,
            CheckCommand.class,
            MetricsCommand.class,
            FleetCommand.class,
            PasswordCommand.class,
        },
        footer = {"", "Every command takes --json: one JSON document on stdout; logs go to stderr.",
                "--url takes a libpq URI or JDBC URL; without it PGHOST, PGPORT, PGDATABASE, PGUSER,",
                "PGSERVICE and ~/.pgpass apply, as for psql.",
                "",
                "Exit codes: 0 done; 1 failed (database unreachable, SQL error); 2 bad usage or input;",
                "3 refused by a guard or precondition (nothing was changed).",
                "pitwall check alone follows the monitoring-plugin convention: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."})
public final class PitwallCommand implements Callable<Integer> {

    private final Desktop desktop;

    PitwallCommand(Desktop desktop) {
        this.desktop = desktop;
    }

    Desktop desktop() {
        return desktop;
    }

    @Override
    public Integer call() {
        return desktop.open(false);
    }

    /** Runs one command line and returns its exit code; stdout carries only the command's output. */
    public static int run(Desktop desktop, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new PitwallCommand(desktop), new CommandFactory(desktop, out));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("pitwall: " + SafeText.visible(describe(e)));
            err.flush();
            return e instanceof CliException cli ? cli.exitCode() : ExitCodes.FAILED;
        });
        CommandLine.IParameterExceptionHandler usage = commandLine.getParameterExceptionHandler();
        commandLine.setParameterExceptionHandler((e, rest) -> {
            int code = usage.handleParseException(e, rest);
            // check speaks the monitoring-plugin convention even for a mistyped flag: 3 UNKNOWN, not 2.
            return e.getCommandLine().getCommand() instanceof CheckCommand ? CheckCommand.UNKNOWN : code;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String describe(Exception e) {
        if (e instanceof SQLException sql) {
            Throwable cause = sql.getCause();
            String detail = cause != null && cause.getMessage() != null ? cause.getMessage() : sql.getMessage();
            return "database error: " + detail + (sql.getSQLState() != null ? " [SQLSTATE " + sql.getSQLState() + "]" : "");
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /**
     * Builds commands with what they need instead of globals: a command declares a constructor taking
     * {@link Output} (its stdout) or {@link Desktop}.
     */
    private record CommandFactory(Desktop desktop, PrintWriter out) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (var constructor : type.getDeclaredConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 1 && parameters[0] == Output.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(new Output(out)));
                }
                if (parameters.length == 1 && parameters[0] == Desktop.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(desktop));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
