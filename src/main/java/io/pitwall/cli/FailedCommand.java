package io.pitwall.cli;

import io.pitwall.monitor.FailedReader;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.Binding;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.ErrorGroup;
import io.pitwall.queue.FailedTask;
import io.pitwall.queue.TaskFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "failed", mixinStandardHelpOptions = true,
        description = "Failed tasks, newest first, or grouped by error fingerprint (--group).")
final class FailedCommand implements Callable<Integer> {

    private final Output output;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(names = "--profile", paramLabel = "ID", description = "only this profile")
    String profileId;

    @Option(names = "--group", description = "group by error fingerprint: count, kinds, first and last seen, a sample")
    boolean group;

    @Option(names = "--kind", paramLabel = "KIND", description = "only tasks of this kind")
    String kind;

    @Option(names = "--text", paramLabel = "TEXT", description = "only errors containing this text (case-insensitive)")
    String text;

    @Option(names = "--older-than", paramLabel = "DURATION", description = "only failures at least this old (e.g. 1h)")
    String olderThan;

    @Option(names = "--newer-than", paramLabel = "DURATION",
            description = "only failures at most this old (e.g. 30m); with --group the default is " + GROUP_WINDOW)
    String newerThan;

    /** Grouping reads every failure of its window: bounded by default so it stays cheap on a big table. */
    static final String GROUP_WINDOW = "1h";

    @Option(names = "--state", paramLabel = "STATE", defaultValue = "FAILED",
            description = "canonical state to list instead of FAILED, e.g. CANCELLED or UNKNOWN (default ${DEFAULT-VALUE})")
    String state;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "tasks per profile (default ${DEFAULT-VALUE})")
    int limit;

    FailedCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > 10_000) {
            throw new CliException(ExitCodes.BAD_INPUT, "--limit must be between 1 and 10000");
        }
        CanonicalState canonical;
        try {
            canonical = CanonicalState.valueOf(state.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, "--state: one of " + java.util.Arrays.toString(CanonicalState.values()));
        }
        String window = newerThan == null && group ? GROUP_WINDOW : newerThan;
        TaskFilter filter = new TaskFilter(kind, text, DurationOption.parse("--older-than", olderThan), DurationOption.parse("--newer-than", window),
                canonical);
        ProfileRegistry registry = DatabaseOptions.profiles();
        ProfileChoice.checkKnown(registry, profileId);
        try (MonitorSession session = database.openSession(registry)) {
            ProfileChoice.checkFound(session, profileId);
            List<Binding> bindings = profileId == null ? session.detection().bindings() : session.detection().forProfile(profileId);
            Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
            for (Binding binding : bindings) {
                Map<String, Object> entry = entries.computeIfAbsent(binding.profile().id(), id -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("profile", id);
                    if (group) {
                        e.put("window", window); // the groups cover the failures of this window only
                    }
                    return e;
                });
                if (group) {
                    FailedReader.Grouped grouped = session.failedGroups(binding, filter);
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> groups = (List<Map<String, Object>>) entry.computeIfAbsent("groups", k -> new ArrayList<>());
                    grouped.groups().forEach(g -> groups.add(withQueue(group(g), binding)));
                    entry.merge("scanned", grouped.scanned(), (a, b) -> (Integer) a + (Integer) b);
                    entry.merge("truncated", grouped.truncated(), (a, b) -> (Boolean) a || (Boolean) b);
                } else {
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> failed = (List<Map<String, Object>>) entry.computeIfAbsent("failed", k -> new ArrayList<>());
                    session.failed(binding, filter, null, limit).rows().forEach(t -> failed.add(withQueue(task(t), binding)));
                }
            }
            if (database.json) {
                output.json(Map.of("profiles", List.copyOf(entries.values())));
            } else {
                printText(entries);
            }
        }
        return ExitCodes.DONE;
    }


    /** In a layout with a table per queue (real Absurd), each row says its queue. */
    private static Map<String, Object> withQueue(Map<String, Object> json, Binding binding) {
        if (binding.queue() != null) {
            json.put("queue", binding.queue());
        }
        return json;
    }

    private static String queueTag(Map<String, Object> json) {
        return json.get("queue") == null ? "" : "[" + json.get("queue") + "] ";
    }

    private static Map<String, Object> task(FailedTask task) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", task.id());
        json.put("kind", task.kind());
        json.put("error", task.error());
        json.put("state", task.state().name());
        json.put("rawState", task.rawState());
        json.put("owner", task.owner());
        json.put("attempts", task.attempts());
        json.put("at", task.at() == null ? null : task.at().toString());
        json.put("fingerprint", task.fingerprint());
        json.put("where", task.where());
        return json;
    }

    private static Map<String, Object> group(ErrorGroup group) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fingerprint", group.fingerprint());
        json.put("count", group.count());
        json.put("ids", group.ids());
        json.put("sample", group.sample());
        json.put("kinds", group.kinds());
        json.put("queues", group.queues());
        if (group.note() != null) {
            json.put("note", group.note());
        }
        json.put("firstSeen", group.firstSeen() == null ? null : group.firstSeen().toString());
        json.put("lastSeen", group.lastSeen() == null ? null : group.lastSeen().toString());
        return json;
    }

    @SuppressWarnings("unchecked")
    private void printText(Map<String, Map<String, Object>> entries) {
        if (entries.isEmpty()) {
            output.line("no known queue schema found (see: pitwall detect)");
        }
        for (Map<String, Object> entry : entries.values()) {
            output.line(String.valueOf(entry.get("profile"))
                    + (group ? "  (failures of the last " + entry.get("window") + "; --newer-than widens it)" : ""));
            if (group) {
                for (Map<String, Object> g : (List<Map<String, Object>>) entry.get("groups")) {
                    String headline = g.get("fingerprint") + (g.get("note") == null ? "" : ": " + g.get("note"));
                    output.line(String.format("  %6d  %s%s   [%s]", (Long) g.get("count"), queueTag(g), headline,
                            String.join(", ", (List<String>) g.get("kinds"))));
                }
            } else {
                for (Map<String, Object> t : (List<Map<String, Object>>) entry.get("failed")) {
                    String error = t.get("error") == null ? "" : t.get("error").toString().lines().findFirst().orElse("");
                    output.line(String.format("  %-38s %-18s %s%s", t.get("id"), t.get("kind"), queueTag(t), error));
                }
            }
        }
    }
}
