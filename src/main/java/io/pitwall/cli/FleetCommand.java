package io.pitwall.cli;

import io.pitwall.connect.SavedChecks;
import io.pitwall.connect.SavedConnections;
import io.pitwall.monitor.fleet.FleetEntry;
import io.pitwall.monitor.fleet.FleetHealth;
import io.pitwall.monitor.fleet.FleetMember;
import io.pitwall.monitor.fleet.FleetQueue;
import io.pitwall.monitor.fleet.FleetSnapshot;
import io.pitwall.monitor.fleet.FleetWatcher;
import io.pitwall.monitor.fleet.SavedFleet;
import io.pitwall.connect.TargetResolver;
import io.pitwall.queue.Ages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** The console's fleet overview on the command line: every saved connection's queues and health, worst first. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Every saved connection (or the --connection ones) read side by side: stuck, failed, queued,",
                "oldest queued age and health (OK, SLOW, LAGGING, UNREACHABLE), worst first, judged by checks.json",
                "as 'check --connection' judges it. Exit 0 when every connection was read, 1 when one could not be."})
final class FleetCommand implements Callable<Integer> {

    private final Output output;

    @Option(names = "--connection", paramLabel = "NAME", description = "only these saved connections (repeatable)")
    List<String> connections = new ArrayList<>();

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "10s",
            description = "how long to wait for the slowest connection (default ${DEFAULT-VALUE})")
    String wait;

    @Option(names = "--json", description = "print one JSON document on stdout")
    boolean json;

    FleetCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        Duration answerWithin = DurationOption.parse("--wait", wait);
        SavedConnections saved = SavedConnections.inUserConfig();
        List<FleetMember> members = SavedFleet.load(saved, SavedChecks.inUserConfig(), TargetResolver.fromSystem());
        if (!connections.isEmpty()) {
            for (String name : connections) {
                if (members.stream().noneMatch(m -> m.name().equals(name))) {
                    throw new CliException(ExitCodes.BAD_INPUT, "--connection: no saved connection named '" + name + "'");
                }
            }
            members = members.stream().filter(m -> connections.contains(m.name())).toList();
        }
        if (members.isEmpty()) {
            throw new CliException(ExitCodes.BAD_INPUT, "no saved connections (connections.json in "
                    + SavedConnections.configDir() + ")");
        }
        FleetWatcher.Settings settings = new FleetWatcher.Settings(answerWithin,
                FleetWatcher.Settings.DEFAULT.slowAfter(), FleetWatcher.Settings.DEFAULT.lagAfter());
        FleetSnapshot snapshot;
        try (FleetWatcher watcher = new FleetWatcher(members, DatabaseOptions.profiles(), settings)) {
            snapshot = watcher.poll();
        }
        if (json) {
            output.json(Map.of("connections", snapshot.entries().stream().map(FleetCommand::document).toList()));
        } else {
            snapshot.entries().forEach(e -> output.line(line(e)));
        }
        boolean allRead = snapshot.entries().stream()
                .allMatch(e -> e.health() != FleetHealth.UNREACHABLE && e.readAt() != null);
        return allRead ? ExitCodes.DONE : ExitCodes.FAILED;
    }

    static String line(FleetEntry e) {
        var identity = e.member().identity();
        StringBuilder text = new StringBuilder(String.format("%-11s %-8s %-24s", e.health(), e.severity(), identity.label()));
        if (e.readAt() != null) {
            text.append(String.format(" %4d stuck %6d failed %7d queued  oldest %s", e.stuck(), e.failed(), e.queued(),
                    e.oldestQueued() == null ? "-" : Ages.format(e.oldestQueued())));
        }
        if (!e.problem().isEmpty()) {
            text.append("  ").append(e.problem());
        }
        return text.toString();
    }

    private static Map<String, Object> document(FleetEntry e) {
        var identity = e.member().identity();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("connection", identity.name());
        entry.put("environment", identity.environment());
        entry.put("colour", identity.colour());
        entry.put("database", e.member().target() == null ? null : e.member().target().displayUri());
        entry.put("health", e.health().name());
        entry.put("severity", e.severity().name());
        entry.put("problem", e.problem());
        entry.put("readAt", e.readAt());
        entry.put("readSeconds", e.took().toMillis() / 1000.0);
        entry.put("stuck", e.stuck());
        entry.put("failed", e.failed());
        entry.put("queued", e.queued());
        entry.put("oldestQueuedSeconds", e.oldestQueued() == null ? null : e.oldestQueued().toSeconds());
        entry.put("lagSeconds", e.lag() == null ? null : e.lag().toMillis() / 1000.0);
        entry.put("breaches", e.breaches());
        entry.put("queues", e.queues().stream().map(FleetCommand::queue).toList());
        return entry;
    }

    private static Map<String, Object> queue(FleetQueue q) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("profile", q.profileId());
        entry.put("queue", q.queue());
        entry.put("stuck", q.stuck());
        entry.put("failed", q.failed());
        entry.put("queued", q.queued());
        entry.put("oldestQueuedSeconds", q.oldestQueued() == null ? null : q.oldestQueued().toSeconds());
        return entry;
    }
}
