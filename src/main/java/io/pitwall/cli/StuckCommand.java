package io.pitwall.cli;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.Binding;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.queue.StuckItem;
import io.pitwall.queue.ThresholdOverride;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "stuck", mixinStandardHelpOptions = true,
        description = "Stuck tasks (and locks, master rows) with the rule that fired and the evidence.")
final class StuckCommand implements Callable<Integer> {

    private final Output output;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(names = "--profile", paramLabel = "ID", description = "only this profile")
    String profileId;

    @Option(names = "--kind", paramLabel = "KIND", description = "only tasks of this kind")
    String kind;

    @Option(names = "--threshold", paramLabel = "RULE[:KIND]=DURATION",
            description = "override a rule's threshold for this run, e.g. lease-expired=10m or lease-expired:repo.push=2m")
    List<String> thresholds = new ArrayList<>();

    StuckCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() throws Exception {
        List<ThresholdOverride> overrides = new ArrayList<>();
        for (String text : thresholds) {
            try {
                overrides.add(ThresholdOverride.parse(text));
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.BAD_INPUT, "--threshold: " + e.getMessage());
            }
        }
        ProfileRegistry registry = DatabaseOptions.profiles();
        ProfileChoice.checkKnown(registry, profileId);
        try (MonitorSession session = database.openSession(registry)) {
            ProfileChoice.checkFound(session, profileId);
            List<StuckItem> items = session.stuck(profileId, overrides, kind);
            Set<String> profiles = new LinkedHashSet<>();
            session.detection().bindings().stream().filter(b -> b.queue() != null).forEach(b -> perQueueTables.add(b.where()));
            (profileId == null ? session.detection().bindings() : session.detection().forProfile(profileId))
                    .stream().map(Binding::profile).forEach(p -> profiles.add(p.id()));
            if (database.json) {
                output.json(json(profiles, items));
            } else {
                printText(profiles, items);
            }
        }
        return ExitCodes.DONE;
    }

    static Map<String, Object> json(Set<String> profiles, List<StuckItem> items) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (String id : profiles) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("profile", id);
            entry.put("stuck", items.stream().filter(i -> i.profileId().equals(id)).map(StuckCommand::item).toList());
            entries.add(entry);
        }
        return Map.of("profiles", entries);
    }

    /** One verdict as stuck --json prints it; timeline --json prints the same beside each stuck span. */
    static Map<String, Object> item(StuckItem item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", item.id());
        json.put("kind", item.kind());
        json.put("rule", item.rule());
        json.put("evidence", item.evidence());
        json.put("object", item.object());
        json.put("owner", item.owner());
        json.put("since", item.since() == null ? null : item.since().toString());
        json.put("ageSeconds", item.age() == null ? null : item.age().toSeconds());
        json.put("thresholdSeconds", item.threshold().toSeconds());
        json.put("where", item.where());
        if (item.queue() != null) {
            json.put("queue", item.queue());
        }
        return json;
    }

    private final Set<String> perQueueTables = new java.util.HashSet<>();

    private boolean perQueue(String where) {
        return perQueueTables.contains(where);
    }

    private void printText(Set<String> profiles, List<StuckItem> items) {
        if (profiles.isEmpty()) {
            output.line("no known queue schema found (see: pitwall detect)");
        }
        for (String id : profiles) {
            List<StuckItem> mine = items.stream().filter(i -> i.profileId().equals(id)).toList();
            output.line(id + "  " + (mine.isEmpty() ? "nothing stuck" : mine.size() + " stuck"));
            // A profile with a table per queue (real Absurd) names the queue's table on each line.
            for (StuckItem item : mine) {
                output.line(String.format("  %-16s %-38s %-18s %s%s", item.rule(), item.id(),
                        item.kind() == null ? "" : item.kind(), perQueue(item.where()) ? "[" + item.where() + "] " : "",
                        item.evidence()));
            }
        }
    }
}
