package io.pitwall.cli;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.KindCounts;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.StateCounts;
import io.pitwall.queue.StatusSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Task counts per queue, kind and canonical state.")
final class StatusCommand implements Callable<Integer> {

    private final Output output;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(names = "--profile", paramLabel = "ID", description = "only this profile")
    String profileId;

    @Option(names = "--kinds", description = "text output: also list the counts per kind")
    boolean kinds;

    StatusCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() throws Exception {
        ProfileRegistry registry = DatabaseOptions.profiles();
        ProfileChoice.checkKnown(registry, profileId);
        try (MonitorSession session = database.openSession(registry)) {
            ProfileChoice.checkFound(session, profileId);
            StatusSnapshot snapshot = session.status(profileId);
            if (database.json) {
                output.json(json(snapshot));
            } else {
                printText(snapshot);
            }
        }
        return ExitCodes.DONE;
    }

    /** One entry per profile; a profile bound to several queues or schemas adds them up and lists each. */
    static Map<String, Object> json(StatusSnapshot snapshot) {
        Map<String, List<QueueStatus>> byProfile = new LinkedHashMap<>();
        snapshot.queues().forEach(q -> byProfile.computeIfAbsent(q.profileId(), id -> new ArrayList<>()).add(q));
        List<Map<String, Object>> profiles = new ArrayList<>();
        byProfile.forEach((id, queues) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("profile", id);
            entry.put("title", queues.getFirst().title());
            entry.put("where", String.join(", ", queues.stream().map(QueueStatus::where).toList()));
            entry.put("counts", counts(queues.stream().map(QueueStatus::counts).reduce(StateCounts.EMPTY, StateCounts::plus)));
            entry.put("estimated", queues.stream().anyMatch(QueueStatus::estimated));
            entry.put("kinds", kinds(queues));
            Map<String, Long> raw = new TreeMap<>();
            queues.forEach(q -> q.rawCounts().forEach((state, n) -> raw.merge(state, n, Long::sum)));
            entry.put("raw", raw);
            if (queues.size() > 1 || queues.getFirst().queue() != null) {
                entry.put("queues", queues.stream().map(q -> {
                    Map<String, Object> queue = new LinkedHashMap<>();
                    queue.put("queue", q.queue());
                    queue.put("where", q.where());
                    queue.put("counts", counts(q.counts()));
                    queue.put("estimated", q.estimated());
                    return queue;
                }).toList());
            }
            profiles.add(entry);
        });
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("profiles", profiles);
        document.put("takenAt", snapshot.takenAt().toString());
        document.put("tookMillis", snapshot.took().toMillis());
        return document;
    }

    private static List<Map<String, Object>> kinds(List<QueueStatus> queues) {
        Map<String, StateCounts> merged = new TreeMap<>();
        queues.forEach(q -> q.kinds().forEach(k -> merged.merge(k.kind(), k.counts(), StateCounts::plus)));
        return merged.entrySet().stream().map(e -> {
            Map<String, Object> kind = new LinkedHashMap<>();
            kind.put("kind", e.getKey());
            kind.put("counts", counts(e.getValue()));
            return kind;
        }).toList();
    }

    /** Every canonical state appears, with 0 where there are no tasks, so scripts need no defaults. */
    static Map<String, Long> counts(StateCounts counts) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (CanonicalState state : CanonicalState.values()) {
            if (state != CanonicalState.UNKNOWN || counts.get(state) > 0) {
                values.put(state.name(), counts.get(state));
            }
        }
        return values;
    }

    private void printText(StatusSnapshot snapshot) {
        if (snapshot.queues().isEmpty()) {
            output.line("no known queue schema found (see: pitwall detect)");
        }
        for (QueueStatus queue : snapshot.queues()) {
            output.line(queue.profileId() + "  " + queue.title() + "  (" + queue.where() + ")"
                    + (queue.estimated() ? "  ≈ estimated" : ""));
            output.line("  " + line(queue.counts()));
            if (kinds) {
                for (KindCounts kind : queue.kinds()) {
                    output.line(String.format("    %-24s %s", kind.kind(), line(kind.counts())));
                }
            }
        }
    }

    private static String line(StateCounts counts) {
        StringBuilder text = new StringBuilder();
        for (CanonicalState state : CanonicalState.values()) {
            long n = counts.get(state);
            if (n > 0 || state.isActive()) {
                text.append(String.format("%s %d   ", state.name(), n));
            }
        }
        return text.toString().stripTrailing();
    }
}
