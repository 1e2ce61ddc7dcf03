package io.pitwall.cli;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.CountAccuracy;
import io.pitwall.queue.KindCounts;
import io.pitwall.queue.MissingIndex;
import io.pitwall.queue.QueueCounts;
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

    /** The profile's own title: a per-queue binding's title names its queue ("… · default"), the profile does not. */
    static String profileTitle(QueueStatus queue) {
        String suffix = queue.queue() == null ? null : " \u00b7 " + queue.queue();
        return suffix != null && queue.title().endsWith(suffix)
                ? queue.title().substring(0, queue.title().length() - suffix.length()) : queue.title();
    }

    /**
     * A raw state as a JSON name: a value some odd row holds can be of any length, and common JSON readers refuse
     * names longer than 50,000 characters (Jackson's default), so a long one is cut and says how long it was.
     */
    static String rawKey(String state) {
        return state.length() <= RAW_KEY_LIMIT ? state
                : state.substring(0, RAW_KEY_LIMIT) + "\u2026 (" + state.length() + " characters)";
    }

    private static final int RAW_KEY_LIMIT = 1000;

    /** One entry per profile; a profile bound to several queues or schemas adds them up and lists each. */
    static Map<String, Object> json(StatusSnapshot snapshot) {
        Map<String, List<QueueStatus>> byProfile = new LinkedHashMap<>();
        snapshot.queues().forEach(q -> byProfile.computeIfAbsent(q.profileId(), id -> new ArrayList<>()).add(q));
        List<Map<String, Object>> profiles = new ArrayList<>();
        byProfile.forEach((id, queues) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("profile", id);
            entry.put("title", profileTitle(queues.getFirst()));
            entry.put("where", String.join(", ", queues.stream().map(QueueStatus::where).toList()));
            entry.put("counts", counts(queues.stream().map(QueueStatus::counts).reduce(StateCounts.EMPTY, StateCounts::plus)));
            entry.put("estimated", queues.stream().anyMatch(QueueStatus::estimated));
            Map<CanonicalState, CountAccuracy> accuracy = accuracy(queues);
            entry.put("accuracy", accuracyJson(accuracy, snapshot.takenAt()));
            entry.put("kinds", kinds(queues, exactStates(accuracy)));
            Map<String, Long> raw = new TreeMap<>();
            queues.forEach(q -> q.rawCounts().forEach((state, n) -> raw.merge(rawKey(state), n, Long::sum)));
            entry.put("raw", raw);
            List<Map<String, Object>> perQueue = queues(queues);
            if (!perQueue.isEmpty()) {
                entry.put("queues", perQueue);
            }
            entry.put("missingIndexes", queues.stream().flatMap(q -> q.missingIndexes().stream())
                    .map(StatusCommand::missingIndexJson).toList());
            profiles.add(entry);
        });
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("profiles", profiles);
        document.put("takenAt", snapshot.takenAt().toString());
        document.put("tookMillis", snapshot.took().toMillis());
        return document;
    }

    /**
     * One entry per queue: per queue value where the profile has {@code tasks.queue} (one table, many queues), else
     * per bound queue table when a profile is bound to several (Absurd's per-queue tables, several schemas).
     */
    private static List<Map<String, Object>> queues(List<QueueStatus> statuses) {
        List<Map<String, Object>> entries = new ArrayList<>();
        boolean perBinding = statuses.size() > 1 || statuses.getFirst().queue() != null;
        for (QueueStatus status : statuses) {
            if (!status.queues().isEmpty()) {
                for (QueueCounts queue : status.queues()) {
                    entries.add(queueEntry(queue.queue(), status, queue.counts(), queue.kinds()));
                }
            } else if (perBinding) {
                entries.add(queueEntry(status.queue(), status, status.counts(), status.kinds()));
            }
        }
        return entries;
    }

    private static Map<String, Object> queueEntry(String name, QueueStatus status, StateCounts counts,
                                                  List<KindCounts> kinds) {
        Map<String, Object> queue = new LinkedHashMap<>();
        queue.put("queue", name);
        queue.put("where", status.where());
        Map<CanonicalState, CountAccuracy> accuracy = accuracy(List.of(status));
        boolean perValue = !status.queues().isEmpty();
        queue.put("counts", perValue ? counts(counts, exactStates(accuracy)) : counts(counts));
        queue.put("estimated", status.estimated());
        queue.put("kinds", kindEntries(kinds.stream().collect(java.util.stream.Collectors.toMap(
                KindCounts::kind, KindCounts::counts, StateCounts::plus, TreeMap::new)), exactStates(accuracy)));
        return queue;
    }

    private static List<Map<String, Object>> kinds(List<QueueStatus> queues, List<CanonicalState> states) {
        Map<String, StateCounts> merged = new TreeMap<>();
        queues.forEach(q -> q.kinds().forEach(k -> merged.merge(k.kind(), k.counts(), StateCounts::plus)));
        return kindEntries(merged, states);
    }

    private static List<Map<String, Object>> kindEntries(Map<String, StateCounts> merged, List<CanonicalState> states) {
        return merged.entrySet().stream().map(e -> {
            Map<String, Object> kind = new LinkedHashMap<>();
            kind.put("kind", e.getKey());
            kind.put("counts", counts(e.getValue(), states));
            return kind;
        }).toList();
    }

    /** Per state, the least certain way any of the profile's tables counted it. */
    static Map<CanonicalState, CountAccuracy> accuracy(List<QueueStatus> queues) {
        Map<CanonicalState, CountAccuracy> merged = new java.util.EnumMap<>(CanonicalState.class);
        for (QueueStatus queue : queues) {
            for (CanonicalState state : CanonicalState.values()) {
                merged.merge(state, queue.accuracyOf(state), CountAccuracy::worst);
            }
        }
        return merged;
    }

    /** Only exactly counted states are broken down per kind and queue: an estimate has no breakdown. */
    private static List<CanonicalState> exactStates(Map<CanonicalState, CountAccuracy> accuracy) {
        return java.util.Arrays.stream(CanonicalState.values()).filter(s -> accuracy.get(s).exact()).toList();
    }

    /** Per state {method, source}; a background count adds when it was taken and its age then. */
    private static Map<String, Object> accuracyJson(Map<CanonicalState, CountAccuracy> accuracy, java.time.Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        accuracy.forEach((state, how) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("method", how.method().name().toLowerCase(java.util.Locale.ROOT));
            entry.put("source", how.source());
            if (how.countedAt() != null) {
                entry.put("countedAt", how.countedAt().toString());
                entry.put("ageSeconds", how.age(now).toSeconds());
            }
            json.put(state.name(), entry);
        });
        return json;
    }

    static Map<String, Object> missingIndexJson(MissingIndex missing) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("for", missing.purpose());
        json.put("where", missing.where());
        json.put("predicate", missing.predicate());
        json.put("create", missing.create());
        json.put("advice", missing.advice());
        return json;
    }

    /** Every canonical state appears, with 0 where there are no tasks, so scripts need no defaults. */
    static Map<String, Long> counts(StateCounts counts) {
        return counts(counts, List.of(CanonicalState.values()));
    }

    private static Map<String, Long> counts(StateCounts counts, List<CanonicalState> states) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (CanonicalState state : states) {
            if (state != CanonicalState.UNKNOWN || counts.get(state) > 0) {
                values.put(state.name(), counts.get(state));
            }
        }
        return values;
    }

    void printText(StatusSnapshot snapshot) {
        if (snapshot.queues().isEmpty()) {
            output.line("no known queue schema found (see: pitwall detect)");
        }
        for (QueueStatus queue : snapshot.queues()) {
            output.line(queue.profileId() + "  " + queue.title() + "  (" + queue.where() + ")"
                    + (queue.estimated() ? "  (≈ estimated by the planner)" : ""));
            output.line("  " + line(queue.counts(), queue, false, snapshot.takenAt()));
            for (MissingIndex missing : queue.missingIndexes()) {
                output.line("  ! " + missing.advice());
            }
            if (kinds) {
                printKinds(queue.kinds(), "    ", queue);
            }
            for (QueueCounts perQueue : queue.queues()) {
                output.line(String.format("  queue %-20s %s", perQueue.queue(), line(perQueue.counts(), queue, true, snapshot.takenAt())));
                if (kinds) {
                    printKinds(perQueue.kinds(), "      ", queue);
                }
            }
        }
    }

    private void printKinds(List<KindCounts> kindCounts, String indent, QueueStatus status) {
        for (KindCounts kind : kindCounts) {
            output.line(String.format("%s%-24s %s", indent, kind.kind(), line(kind.counts(), status, true, java.time.Instant.now())));
        }
    }

    /** Estimated numbers read {@code ≈}; a breakdown (per kind or queue) has only the exactly counted states. */
    private static String line(StateCounts counts, QueueStatus status, boolean breakdown, java.time.Instant now) {
        StringBuilder text = new StringBuilder();
        for (CanonicalState state : CanonicalState.values()) {
            long n = counts.get(state);
            boolean exact = status.accuracyOf(state).exact();
            if (breakdown && !exact) {
                continue;
            }
            CountAccuracy how = status.accuracyOf(state);
            if (n > 0 || state.isActive()) {
                text.append(how.method() == CountAccuracy.Method.COUNTED
                        ? String.format("%s %d (%s)   ", state.name(), n, how.ageText(now))
                        : String.format("%s %s%d   ", state.name(), exact ? "" : "≈", n));
            }
        }
        return text.toString().stripTrailing();
    }
}
