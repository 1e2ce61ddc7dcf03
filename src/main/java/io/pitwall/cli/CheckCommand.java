package io.pitwall.cli;

import io.pitwall.connect.BadTargetException;
import io.pitwall.connect.ConnectionTarget;
import io.pitwall.connect.ConnectionIdentity;
import io.pitwall.connect.ssh.SshSettings;
import io.pitwall.connect.SavedChecks;
import io.pitwall.connect.SavedConnections;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.monitor.health.HealthCheck;
import io.pitwall.monitor.health.HealthReader;
import io.pitwall.monitor.health.HealthReport;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.queue.HealthBreach;
import io.pitwall.queue.HealthMetric;
import io.pitwall.queue.HealthReading;
import io.pitwall.queue.HealthSeverity;
import io.pitwall.queue.HealthThreshold;
import io.pitwall.queue.ReplicaLag;
import io.pitwall.queue.StatusSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The stuck rules and counts as a monitoring plugin: one line of summary, one line per breach, and the exit
 * codes of the monitoring-plugin convention (the one command whose exit codes differ from the others').
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Judge stuck tasks, failures per minute, oldest queued age and queue depth against thresholds.",
                "Exit codes (monitoring-plugin convention): 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."},
        footer = {"", "Thresholds are [SCOPE=]WARN[,CRIT]; SCOPE is PROFILE[/QUEUE[/KIND]] with * for any; the most",
                "narrowly scoped one decides. Example: --depth 500,5000 --depth 'shithub/*/repo.push=50,200'",
                "--oldest-queued 15m,1h --stuck 1,10 --failures-per-minute 5,20. With no threshold at all: --stuck 1.",
                "Saved thresholds: checks.json beside connections.json, a section per connection name (and '*')."})
final class CheckCommand implements Callable<Integer> {

    static final int UNKNOWN = HealthSeverity.UNKNOWN.exitCode();

    private final Output output;

    @Option(names = "--url", paramLabel = "URL", description = "libpq URI or JDBC URL (default: the PG* environment)")
    String url;

    @Option(names = "--connection", paramLabel = "NAME",
            description = "a saved connection: its URL, SSH bastion and standby (the monitoring reads it, and its lag "
                    + "is judged), and its section of checks.json")
    String connection;

    @Option(names = "--replica-lag", paramLabel = "WARN[,CRIT]",
            description = "the monitored standby's lag, e.g. 30s,5m (default: a warning past 30 s; a standby that is "
                    + "not streaming warns too)")
    String replicaLag;

    @Option(names = "--json", description = "print one JSON document on stdout")
    boolean json;

    @Option(names = "--profile", paramLabel = "ID", description = "only this profile")
    String profileId;

    @Option(names = "--stuck", paramLabel = "[SCOPE=]WARN[,CRIT]", description = "stuck tasks and objects")
    List<String> stuck = new ArrayList<>();

    @Option(names = "--failures-per-minute", paramLabel = "[SCOPE=]WARN[,CRIT]",
            description = "failed tasks per minute over the last 5 minutes")
    List<String> failuresPerMinute = new ArrayList<>();

    @Option(names = "--oldest-queued", paramLabel = "[SCOPE=]WARN[,CRIT]", description = "age of the oldest queued task, e.g. 15m,1h")
    List<String> oldestQueued = new ArrayList<>();

    @Option(names = "--depth", paramLabel = "[SCOPE=]WARN[,CRIT]", description = "queued tasks per queue (or kind)")
    List<String> depth = new ArrayList<>();

    @Option(names = "--checks-file", paramLabel = "FILE", description = "saved thresholds (default: checks.json in the config folder)")
    Path checksFile;

    CheckCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        List<HealthThreshold> thresholds;
        ChosenConnection chosen;
        ReplicaLagCheck lagCheck;
        try {
            thresholds = thresholds();
            lagCheck = ReplicaLagCheck.parse(replicaLag);
            chosen = chosen();
        } catch (IllegalArgumentException | IOException | BadTargetException e) {
            return unknown(e.getMessage());
        } catch (CliException e) {
            return unknown(e.getMessage());
        }
        ConnectionTarget target = chosen.target();
        ProfileRegistry registry = DatabaseOptions.profiles();
        if (profileId != null && registry.find(profileId).isEmpty()) {
            return unknown("unknown profile '" + profileId + "'");
        }
        try (MonitorSession session = new MonitorSession(chosen.pools(TargetResolver.fromSystem(), SshSettings.ofSystem()),
                registry)) {
            HealthReading reading = only(new HealthReader(session).read());
            HealthReport report = new HealthCheck(thresholds).judge(reading);
            StandbyVerdict standby = chosen.standby() == null ? null
                    : new StandbyVerdict(session.replicaLag(), lagCheck, chosen.standby().describe());
            print(report, thresholds, target, standby);
            return (standby == null ? report.severity() : report.severity().worst(standby.severity())).exitCode();
        } catch (SQLException e) {
            return unknown("cannot read " + target.displayUri() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return unknown(e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    private ChosenConnection chosen() throws BadTargetException {
        if (connection == null) {
            ConnectionTarget target = TargetResolver.fromSystem().resolve(url);
            return new ChosenConnection(ConnectionIdentity.of(target), target, null);
        }
        if (url != null) {
            throw new IllegalArgumentException("give --url or --connection, not both");
        }
        return ChosenConnection.saved(connection, SavedConnections.inUserConfig(), TargetResolver.fromSystem(), true, null);
    }

    /** The monitored standby's lag and what --replica-lag makes of it. */
    private record StandbyVerdict(ReplicaLag lag, ReplicaLagCheck check, String standby) {
        HealthSeverity severity() {
            return check.judge(lag);
        }

        Map<String, Object> document() {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("database", standby);
            entry.put("severity", severity().name());
            entry.put("lagSeconds", lag.lag().toMillis() / 1000.0);
            entry.put("streaming", lag.streaming());
            entry.put("isStandby", lag.standby());
            entry.put("bytesToReplay", lag.bytesBehind());
            return entry;
        }
    }

    List<HealthThreshold> thresholds() throws IOException {
        Map<HealthMetric, List<String>> texts = new LinkedHashMap<>();
        if (connection != null || checksFile != null) {
            SavedChecks saved = checksFile != null ? new SavedChecks(checksFile) : SavedChecks.inUserConfig();
            for (var entry : saved.forConnection(connection).entrySet()) {
                HealthMetric metric;
                try {
                    metric = HealthMetric.of(entry.getKey());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(saved.file() + ": " + e.getMessage());
                }
                texts.computeIfAbsent(metric, m -> new ArrayList<>()).addAll(entry.getValue());
            }
        }
        texts.computeIfAbsent(HealthMetric.STUCK, m -> new ArrayList<>()).addAll(stuck);
        texts.computeIfAbsent(HealthMetric.FAILURES_PER_MINUTE, m -> new ArrayList<>()).addAll(failuresPerMinute);
        texts.computeIfAbsent(HealthMetric.OLDEST_QUEUED, m -> new ArrayList<>()).addAll(oldestQueued);
        texts.computeIfAbsent(HealthMetric.DEPTH, m -> new ArrayList<>()).addAll(depth);
        List<HealthThreshold> thresholds = new ArrayList<>();
        texts.forEach((metric, list) -> list.forEach(text -> {
            try {
                thresholds.add(HealthThreshold.parse(metric, text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--" + metric.id() + " " + text + ": " + e.getMessage());
            }
        }));
        if (thresholds.isEmpty()) {
            thresholds.add(HealthThreshold.parse(HealthMetric.STUCK, "1"));
        }
        return thresholds;
    }

    private HealthReading only(HealthReading reading) {
        if (profileId == null) {
            return reading;
        }
        StatusSnapshot status = reading.status();
        return new HealthReading(reading.takenAt(),
                new StatusSnapshot(status.takenAt(), status.took(),
                        status.queues().stream().filter(q -> q.profileId().equals(profileId)).toList()),
                reading.stuck().stream().filter(s -> s.profileId().equals(profileId)).toList(),
                reading.trends().stream().filter(t -> t.profileId().equals(profileId)).toList());
    }

    private void print(HealthReport report, List<HealthThreshold> thresholds, ConnectionTarget target,
                       StandbyVerdict standby) {
        HealthSeverity lagSeverity = standby == null ? HealthSeverity.OK : standby.severity();
        HealthSeverity severity = report.severity().worst(lagSeverity);
        String summary = report.summary();
        String lagLine = lagSeverity == HealthSeverity.OK ? null
                : standby.check().line(lagSeverity, standby.lag(), standby.standby());
        if (lagLine != null) {
            String rest = summary.substring(summary.indexOf(" - ") + 3);
            summary = "PITWALL " + severity + " - standby " + standby.lag().describe() + "; " + rest;
        }
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("status", severity.name());
            document.put("exitCode", severity.exitCode());
            document.put("summary", summary);
            document.put("database", target.displayUri());
            document.put("connection", connection);
            document.put("standby", standby == null ? null : standby.document());
            document.put("queues", report.queues());
            document.put("judged", report.judged());
            document.put("breaches", report.breaches().stream().map(CheckCommand::breach).toList());
            document.put("thresholds", thresholds.stream().map(CheckCommand::threshold).toList());
            output.json(document);
            return;
        }
        output.line(summary);
        if (lagLine != null) {
            output.line(lagLine);
        }
        report.breaches().forEach(b -> output.line(b.line()));
    }

    private static Map<String, Object> breach(HealthBreach b) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("severity", b.severity().name());
        entry.put("metric", b.metric().id());
        entry.put("profile", b.profileId());
        entry.put("queue", b.queue());
        entry.put("kind", b.kind());
        entry.put("value", b.value());
        entry.put("warn", b.threshold().warn());
        entry.put("critical", b.threshold().critical());
        entry.put("scope", b.threshold().scopeText());
        entry.put("message", b.line());
        return entry;
    }

    private static Map<String, Object> threshold(HealthThreshold t) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("metric", t.metric().id());
        entry.put("scope", t.scopeText());
        entry.put("warn", t.warn());
        entry.put("critical", t.critical());
        return entry;
    }

    private int unknown(String why) {
        String summary = "PITWALL UNKNOWN - " + why;
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("status", HealthSeverity.UNKNOWN.name());
            document.put("exitCode", HealthSeverity.UNKNOWN.exitCode());
            document.put("summary", summary);
            document.put("breaches", List.of());
            output.json(document);
        } else {
            output.line(summary);
        }
        return HealthSeverity.UNKNOWN.exitCode();
    }
}
