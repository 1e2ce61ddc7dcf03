package io.pitwall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.queue.Ages;
import io.pitwall.queue.TaskDetail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "show", mixinStandardHelpOptions = true, description = "One task: everything known about it.")
final class ShowCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Output output;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(names = "--profile", paramLabel = "ID", required = true, description = "the task's profile")
    String profileId;

    @Option(names = "--task", paramLabel = "ID", required = true, description = "the task's id")
    String taskId;

    ShowCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() throws Exception {
        ProfileRegistry registry = DatabaseOptions.profiles();
        ProfileChoice.checkKnown(registry, profileId);
        try (MonitorSession session = database.openSession(registry)) {
            ProfileChoice.checkFound(session, profileId);
            TaskDetail task = session.task(profileId, taskId).orElseThrow(() -> new CliException(ExitCodes.BAD_INPUT,
                    "no task '" + taskId + "' in profile " + profileId));
            Instant now = Instant.now();
            if (database.json) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("profile", profileId);
                document.put("task", json(task, now));
                output.json(document);
            } else {
                printText(task, now);
            }
        }
        return ExitCodes.DONE;
    }

    static Map<String, Object> json(TaskDetail task, Instant now) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", task.id());
        json.put("kind", task.kind());
        json.put("state", task.state().name());
        json.put("rawState", task.rawState());
        json.put("owner", task.owner());
        json.put("attempts", task.attempts());
        json.put("maxAttempts", task.maxAttempts());
        json.put("error", task.error());
        json.put("pipeline", task.pipelineKey());
        Map<String, Object> timestamps = new LinkedHashMap<>();
        Map<String, Object> ages = new LinkedHashMap<>();
        task.timestamps().forEach((name, at) -> {
            // 'infinity' is a sentinel (shithub-0018's pause), not a date 292 million years away.
            timestamps.put(name, Ages.isInfinite(at) ? (at.isAfter(now) ? "infinity" : "-infinity") : at.toString());
            ages.put(name, Ages.isInfinite(at) ? null : Duration.between(at, now).toSeconds());
        });
        json.put("timestamps", timestamps);
        json.put("ageSeconds", ages);
        json.put("payload", task.payload() == null ? null : parse(task.payload()));
        json.put("row", task.row() == null ? null : parse(task.row()));
        json.put("history", task.history().stream().map(span -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("source", span.source());
            entry.put("id", span.id());
            entry.put("state", span.state().name());
            entry.put("rawState", span.rawState());
            entry.put("start", span.start() == null ? null : span.start().toString());
            entry.put("end", span.end() == null ? null : span.end().toString());
            entry.put("detail", span.detail());
            return entry;
        }).toList());
        json.put("where", task.where());
        return json;
    }

    private static Object parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null || node.isMissingNode() ? text : node; // blank text is text, not JSON null
        } catch (Exception notJson) {
            return text;
        }
    }

    private void printText(TaskDetail task, Instant now) {
        output.line(task.profileId() + " task " + task.id() + "  (" + task.where() + ")");
        output.line("  state      " + task.state() + " (" + task.rawState() + ")");
        line("kind", task.kind());
        line("owner", task.owner());
        line("attempts", task.attempts() == null ? null
                : task.attempts() + (task.maxAttempts() == null ? "" : " of " + task.maxAttempts()));
        line("pipeline", task.pipelineKey());
        task.timestamps().forEach((name, at) -> line(name, when(task, at, now)));
        if (task.error() != null) {
            output.line("  error:");
            task.error().lines().forEach(l -> output.line("    " + l));
        }
        if (!task.history().isEmpty()) {
            output.line("  history:");
            task.history().forEach(s -> output.line("    " + s.source() + " " + s.id() + "  " + s.state()
                    + (s.start() == null ? "" : "  started " + s.start()) + (s.end() == null ? "" : "  ended " + s.end())
                    + (s.detail() == null ? "" : "  " + s.detail())));
        }
        if (task.payload() != null) {
            output.line("  payload:");
            task.payload().lines().forEach(l -> output.line("    " + l));
        }
    }

    /** A date and how far it is from now; a pause sentinel (infinity) is not a date, and reads as what it means. */
    private static String when(TaskDetail task, Instant at, Instant now) {
        if (Ages.isInfinite(at)) {
            return task.state() == io.pitwall.queue.CanonicalState.PAUSED && at.isAfter(now)
                    ? "paused (never runs until resumed; the column holds 'infinity')" : Ages.relative(at, now);
        }
        return at + "  (" + Ages.relative(at, now) + ")";
    }

    private void line(String name, String value) {
        if (value != null) {
            output.line(String.format("  %-10s %s", name, value));
        }
    }
}
