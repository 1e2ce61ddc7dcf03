package io.pitwall.cli;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.queue.Pipeline;
import io.pitwall.queue.Span;
import io.pitwall.queue.StuckItem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "timeline", mixinStandardHelpOptions = true,
        description = "The spans of one pipeline: its tasks, and their runs, attempts or checkpoints where the "
                + "schema keeps them, from start to end (end is null while open).")
final class TimelineCommand implements Callable<Integer> {

    private final Output output;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(names = "--profile", paramLabel = "ID", required = true, description = "the profile the pipeline is in")
    String profileId;

    @Option(names = "--pipeline", paramLabel = "KEY", required = true,
            description = "the pipeline key (the profile's tasks.pipelineKey), e.g. a group id or a service instance id")
    String key;

    TimelineCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() throws Exception {
        ProfileRegistry registry = DatabaseOptions.profiles();
        var profile = ProfileChoice.known(registry, profileId);
        if (profile.tasks().pipelineKey() == null) {
            throw new CliException(ExitCodes.BAD_INPUT, "profile '" + profileId + "' has no pipeline key (tasks.pipelineKey)");
        }
        try (MonitorSession session = database.openSession(registry)) {
            ProfileChoice.checkFound(session, profileId);
            Pipeline pipeline = session.pipeline(profileId, key);
            if (pipeline.spans().isEmpty()) {
                throw new CliException(ExitCodes.BAD_INPUT, "no tasks with pipeline key '" + key + "' in profile '"
                        + profileId + "'");
            }
            if (database.json) {
                output.json(json(pipeline));
            } else {
                printText(pipeline);
            }
        }
        return ExitCodes.DONE;
    }

    static Map<String, Object> json(Pipeline pipeline) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("profile", pipeline.profileId());
        document.put("pipeline", pipeline.key());
        document.put("spans", pipeline.spans().stream().map(span -> span(span, pipeline.stuck())).toList());
        document.put("readAt", pipeline.readAt().toString());
        document.put("truncated", pipeline.truncated());
        return document;
    }

    private static Map<String, Object> span(Span span, List<StuckItem> stuck) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", span.id());
        entry.put("kind", span.kind());
        entry.put("state", span.state().name());
        entry.put("start", text(span.start()));
        entry.put("end", text(span.end()));
        entry.put("rawState", span.rawState());
        entry.put("task", span.taskId());
        entry.put("source", span.source());
        entry.put("queuedAt", text(span.queuedAt()));
        entry.put("detail", span.detail());
        if ("task".equals(span.source())) {
            // The stuck rules' verdicts on this task, each as stuck --json gives it (rule, evidence, since, ...):
            // empty when none holds (a finished task is never stuck).
            entry.put("stuck", verdicts(span, stuck).stream().map(StuckCommand::item).toList());
        }
        return entry;
    }

    private static List<StuckItem> verdicts(Span span, List<StuckItem> stuck) {
        return stuck.stream().filter(item -> span.taskId().equals(item.id())).toList();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private void printText(Pipeline pipeline) {
        output.line(pipeline.profileId() + "  pipeline " + pipeline.key() + "  (" + pipeline.spans().size() + " spans"
                + (pipeline.truncated() ? ", truncated" : "") + ")");
        List<Span> spans = pipeline.spans();
        for (Span span : spans) {
            String length = span.start() == null ? "" : span.end() == null
                    ? span.openLength(pipeline.readAt())
                    : human(Duration.between(span.start(), span.end()));
            String verdict = "task".equals(span.source()) ? verdicts(span, pipeline.stuck()).stream()
                    .map(item -> "  STUCK " + item.rule()).reduce("", String::concat) : "";
            output.line(String.format("  %-10s %-9s %-22s %-24s %-26s %s", span.source(), span.state().name(),
                    span.kind() == null ? "" : span.kind(), span.start() == null ? "-" : span.start().toString(),
                    length, span.id()) + verdict);
        }
    }

    private static String human(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
