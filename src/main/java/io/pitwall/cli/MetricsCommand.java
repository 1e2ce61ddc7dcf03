package io.pitwall.cli;

import io.pitwall.connect.BadTargetException;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ssh.SshSettings;
import io.pitwall.monitor.export.StandbyLag;
import io.pitwall.connect.SavedConnections;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.export.MetricsServer;
import io.pitwall.monitor.export.WatchedDatabase;
import io.pitwall.monitor.health.HealthReader;
import io.pitwall.profile.ProfileRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** A Prometheus / OpenMetrics endpoint of the counts, stuck items, ages and failure rates of one or more databases. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Serve Prometheus metrics at http://HOST:PORT/metrics until SIGTERM.",
                "Prints the endpoint's URL on the first line of stdout. Reads through the same read-only monitor",
                "session as the console, and caches: counts 1.5 s, stuck 5 s, trends 15 s, however often it is scraped.",
                "A saved connection monitored on a standby is read there, and its lag is pitwall_replica_lag_seconds."})
final class MetricsCommand implements Callable<Integer> {

    private final Output output;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9187",
            description = "where to listen (default ${DEFAULT-VALUE}; a bare PORT or :PORT stays on 127.0.0.1)")
    String listen;

    @Option(names = "--url", paramLabel = "URL", description = "a database to watch (repeatable)")
    List<String> urls = new ArrayList<>();

    @Option(names = "--connection", paramLabel = "NAME", description = "a saved connection to watch (repeatable)")
    List<String> connections = new ArrayList<>();

    @Option(names = "--json", description = "print {\"url\": ...} as one JSON document instead of the bare URL")
    boolean json;

    private final CountDownLatch stopped = new CountDownLatch(1);

    MetricsCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() throws Exception {
        Listen where = Listen.parse(listen);
        Map<String, ChosenConnection> targets = targets();
        ProfileRegistry registry = DatabaseOptions.profiles();
        List<MonitorSession> sessions = new ArrayList<>();
        List<WatchedDatabase> databases = new ArrayList<>();
        targets.forEach((name, chosen) -> {
            // As the console watches it: through its bastion, reading its standby when it has one (whose lag is
            // reported), with no action pool at all.
            MonitorSession session = new MonitorSession(chosen.pools(TargetResolver.fromSystem(), SshSettings.ofSystem()),
                    registry);
            sessions.add(session);
            databases.add(new WatchedDatabase(name, new HealthReader(session),
                    chosen.standby() == null ? null : new StandbyLag(session)));
        });
        Thread hook = new Thread(stopped::countDown, "pitwall-metrics-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (MetricsServer server = MetricsServer.start(where.host(), where.port(), databases)) {
            if (json) {
                output.json(Map.of("url", server.url(), "connections", List.copyOf(targets.keySet())));
            } else {
                output.line(server.url());
            }
            System.err.println("pitwall: metrics of " + String.join(", ", targets.keySet()) + " at " + server.url());
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sessions.forEach(MonitorSession::close);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Already stopping on SIGTERM: the hook is what brought us here.
            }
        }
        return ExitCodes.DONE;
    }

    /** Connection label to what it is: saved connections by name, --url by its password-free URI. */
    private Map<String, ChosenConnection> targets() {
        Map<String, ChosenConnection> targets = new LinkedHashMap<>();
        SavedConnections saved = SavedConnections.inUserConfig();
        List<String> names = connections;
        if (urls.isEmpty() && connections.isEmpty()) {
            names = saved.list().stream().map(SavedConnections.Saved::name).toList();
            if (names.isEmpty()) {
                throw new CliException(ExitCodes.BAD_INPUT,
                        "no database to watch: give --url URL or --connection NAME (no saved connections)");
            }
        }
        try {
            for (String name : names) {
                targets.put(name, ChosenConnection.saved(name, saved, TargetResolver.fromSystem(), true, null));
            }
            for (String url : urls) {
                ConnectionTarget target = TargetResolver.fromSystem().resolve(url);
                targets.put(target.displayUri(), new ChosenConnection(ConnectionIdentity.of(target).asReadOnly(true),
                        target, null));
            }
        } catch (BadTargetException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--url: " + e.getMessage());
        }
        return targets;
    }

    /** HOST:PORT, :PORT or PORT (loopback), [v6]:PORT. */
    record Listen(String host, int port) {
        static Listen parse(String text) {
            String value = text.trim();
            String host = "127.0.0.1";
            String port = value;
            int colon = value.lastIndexOf(':');
            if (colon >= 0) {
                String given = value.substring(0, colon);
                if (given.startsWith("[") && given.endsWith("]")) {
                    given = given.substring(1, given.length() - 1);
                }
                host = given.isEmpty() ? host : given;
                port = value.substring(colon + 1);
            }
            try {
                int number = Integer.parseInt(port);
                if (number < 0 || number > 65535) {
                    throw new NumberFormatException();
                }
                return new Listen(host, number);
            } catch (NumberFormatException e) {
                throw new CliException(ExitCodes.BAD_INPUT, "--listen: '" + text + "' is not HOST:PORT");
            }
        }
    }
}
