package io.pitwall.cli;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.Binding;
import io.pitwall.profile.BrokenBinding;
import io.pitwall.profile.Detection;
import io.pitwall.profile.DetectionProblem;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.queue.MissingIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Which profiles match that database (read from its catalog only).")
final class DetectCommand implements Callable<Integer> {

    private final Output output;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    DetectCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() throws Exception {
        ProfileRegistry registry = DatabaseOptions.profiles();
        try (MonitorSession session = database.openSession(registry)) {
            Detection detection = session.detection();
            List<MissingIndex> missing = session.missingIndexes(null);
            if (database.json) {
                output.json(Map.of(
                        "profiles", detection.bindings().stream().map(b -> json(b, missing)).toList(),
                        "problems", detection.problems().stream().map(DetectCommand::json).toList(),
                        "broken", detection.broken().stream().map(DetectCommand::json).toList(),
                        "profileErrors", registry.problems().stream().map(Object::toString).toList()));
            } else {
                printText(detection, missing);
            }
        }
        return ExitCodes.DONE;
    }

    private void printText(Detection detection, List<MissingIndex> missing) {
        if (detection.bindings().isEmpty() && detection.broken().isEmpty()) {
            output.line("no known queue schema found");
        }
        for (Binding binding : detection.bindings()) {
            output.line(String.format("%-16s %-40s %s", binding.profile().id(), binding.displayName(), binding.where())
                    + (binding.profile().version() == null ? "" : "  [" + binding.profile().version() + "]"));
            binding.unavailable().forEach((action, why) -> output.line("    not offered here: " + why));
            for (MissingIndex index : missing) {
                if (index.where().equals(binding.where())) {
                    output.line("  missing index: " + index.advice());
                }
            }
        }
        for (DetectionProblem problem : detection.problems()) {
            output.line("partial match: " + problem.label() + " on " + problem.where() + ": " + problem.message());
        }
        for (BrokenBinding broken : detection.broken()) {
            output.line("broken: " + broken.profile().label() + " on " + broken.where()
                    + " is set aside; the database rejects its SQL:");
            broken.problems().forEach(p -> output.line("  " + p));
        }
    }

    private static Map<String, Object> json(BrokenBinding broken) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("profile", broken.profile().id());
        entry.put("version", broken.profile().version());
        entry.put("where", broken.where());
        entry.put("errors", broken.problems().stream().map(p -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("file", p.file());
            error.put("field", p.field());
            error.put("message", p.message());
            return error;
        }).toList());
        return entry;
    }

    private static Map<String, Object> json(Binding binding, List<MissingIndex> missing) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("profile", binding.profile().id());
        entry.put("title", binding.profile().title());
        if (binding.profile().version() != null) {
            entry.put("version", binding.profile().version());
        }
        entry.put("where", binding.where());
        if (binding.queue() != null) {
            entry.put("queue", binding.queue());
        }
        if (!binding.unavailable().isEmpty()) {
            entry.put("notOffered", binding.unavailable());
        }
        entry.put("missingIndexes", missing.stream().filter(m -> m.where().equals(binding.where()))
                .map(StatusCommand::missingIndexJson).toList());
        return entry;
    }

    private static Map<String, Object> json(DetectionProblem problem) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("profile", problem.profileId());
        entry.put("where", problem.where());
        if (problem.version() != null) {
            entry.put("version", problem.version());
        }
        entry.put("message", problem.message());
        entry.put("columns", problem.columns().stream().map(c -> {
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("column", c.column());
            column.put("expected", c.expected());
            column.put("actual", c.actual());
            return column;
        }).toList());
        return entry;
    }
}
