package io.pitwall.profile;

import io.pitwall.sql.StuckRule;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks what JSON parsing cannot: required fields and their shape. */
final class ProfileValidator {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private ProfileValidator() {
    }

    static List<ProfileProblem> validate(String source, String text, Profile profile) {
        List<ProfileProblem> problems = new ArrayList<>();
        if (profile.id() == null || !ID.matcher(profile.id()).matches()) {
            problems.add(problem(source, text, "id", "required: lower-case letters, digits and '-'"));
        }
        if (profile.version() != null && profile.version().isBlank()) {
            problems.add(problem(source, text, "version", "when given, says which schema version this is"));
        }
        if (profile.title() == null || profile.title().isBlank()) {
            problems.add(problem(source, text, "title", "required"));
        }
        if (profile.detect() == null) {
            problems.add(problem(source, text, "detect", "required: which table to look for"));
        } else if (profile.detect().table() == null || profile.detect().table().isBlank()) {
            problems.add(problem(source, text, "table", "detect.table is required"));
        } else if (profile.detect().queues() != null && !profile.detect().table().contains("{queue}")) {
            problems.add(problem(source, text, "table", "with detect.queues the table must contain {queue}"));
        }
        if (profile.detect() != null) {
            List<String> specs = new ArrayList<>(profile.detect().columns());
            profile.detect().tables().values().forEach(specs::addAll);
            for (String spec : specs) {
                int colon = spec.indexOf(':');
                String name = colon < 0 ? spec : spec.substring(0, colon);
                if (name.isBlank()) {
                    problems.add(problem(source, text, "columns", "detect.columns entry '" + spec + "' has no column name"));
                } else if (colon >= 0 && !ColumnTypes.known(spec.substring(colon + 1))) {
                    problems.add(new ProfileProblem(source, lineOf(text, spec), "detect.columns",
                            "unknown type '" + spec.substring(colon + 1) + "' for column " + name
                                    + "; use text, int, timestamptz, jsonb, uuid, bool or a PostgreSQL type name such as int8"));
                }
            }
        }
        if (profile.detect() != null) {
            profile.detect().optionalColumns().forEach((spec, fallback) -> {
                String type = Detect.columnType(spec);
                if (Detect.columnName(spec).isBlank()) {
                    problems.add(problem(source, text, "optionalColumns", "detect.optionalColumns entry '" + spec
                            + "' has no column name"));
                } else if (type != null && !ColumnTypes.known(type)) {
                    problems.add(new ProfileProblem(source, lineOf(text, spec), "detect.optionalColumns",
                            "unknown type '" + type + "' for column " + Detect.columnName(spec)));
                } else if (fallback == null || fallback.isBlank()) {
                    problems.add(new ProfileProblem(source, lineOf(text, spec), "detect.optionalColumns",
                            "optional column " + Detect.columnName(spec) + " needs the SQL that stands in for it where"
                                    + " the table lacks it, e.g. \"NULL::timestamptz\""));
                }
            });
        }
        if (profile.tasks() == null) {
            problems.add(problem(source, text, "tasks", "required: where id and state are"));
        } else {
            if (profile.tasks().id() == null) {
                problems.add(problem(source, text, "tasks", "tasks.id is required"));
            }
            if (profile.tasks().state() == null) {
                problems.add(problem(source, text, "tasks", "tasks.state is required (a column or an expression)"));
            }
        }
        if (profile.tasks() != null && profile.detect() != null && profile.detect().queues() == null) {
            for (String field : java.util.Arrays.asList(profile.tasks().kind(), profile.tasks().state(),
                    profile.tasks().owner(), profile.tasks().claimedAt(), profile.tasks().heartbeat(),
                    profile.tasks().error(), profile.tasks().payload(), profile.tasks().updatedAt(),
                    profile.tasks().finishedAt(), profile.tasks().scheduledAt(), profile.tasks().pipelineKey())) {
                if (field != null && field.contains("{queue}")) {
                    problems.add(new ProfileProblem(source, lineOf(text, "tasks"), "tasks",
                            "{queue} is only filled in for per-queue layouts; add detect.queues or remove it from: "
                                    + field));
                }
            }
        }
        if (profile.states().isEmpty()) {
            problems.add(problem(source, text, "states", "required: map each raw state to a canonical state"));
        }
        for (Timeline.History history : profile.timeline().history()) {
            boolean table = history.table() != null && !history.table().isBlank();
            if (table == history.fromArray()) {
                problems.add(problem(source, text, "history", "each timeline.history entry needs either 'table' (a history "
                        + "table) or 'array' (an array column of the task row), not " + (table ? "both" : "neither")));
            } else if (table && (history.taskId() == null || history.taskId().isBlank())) {
                problems.add(problem(source, text, "history", "timeline.history '" + history.name()
                        + "' reads a table: it needs 'taskId', the column holding the task's id"));
            }
        }
        for (StuckRule rule : profile.stuck()) {
            if (rule.id() == null || !ID.matcher(rule.id()).matches()) {
                problems.add(problem(source, text, "stuck", "each stuck rule needs an id: lower-case letters, digits and '-'"));
            } else if (rule.where() == null || rule.where().isBlank() || rule.evidence() == null) {
                problems.add(problem(source, text, "stuck", "stuck rule '" + rule.id() + "' needs 'where' and 'evidence'"));
            } else if (!validThreshold(rule)) {
                problems.add(problem(source, text, "stuck", "stuck rule '" + rule.id()
                        + "': thresholds are durations such as 90s, 5m, 2h"));
            }
        }
        validateActions(source, text, profile, problems);
        return problems;
    }

    /** What the executor would otherwise find out at {@code act} time, with a null pointer. */
    private static void validateActions(String source, String text, Profile profile, List<ProfileProblem> problems) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < profile.actions().size(); i++) {
            ActionSpec action = profile.actions().get(i);
            String field = "actions[" + i + "]";
            if (action == null) {
                problems.add(new ProfileProblem(source, lineOf(text, "actions"), field, "an action cannot be null"));
                continue;
            }
            if (action.id() == null || !ID.matcher(action.id()).matches()) {
                problems.add(new ProfileProblem(source, lineOf(text, "actions"), field + ".id",
                        "each action needs an id: lower-case letters, digits and '-'"));
                continue;
            }
            String named = "action '" + action.id() + "'";
            int line = lineOf(text, action.id());
            if (!seen.add(action.id())) {
                problems.add(new ProfileProblem(source, line, field + ".id", named + " is listed twice"));
            }
            if (action.set().isEmpty() && (action.statement() == null || action.statement().isBlank())) {
                problems.add(new ProfileProblem(source, line, field, named + " needs 'set' (columns to update) or 'statement'"));
            }
            if (action.title() == null || action.verb() == null || action.noun() == null) {
                problems.add(new ProfileProblem(source, line, field, named
                        + " needs 'title', 'verb' and 'noun': the confirm dialog and the audit say them"));
            }
            for (ActionSpec.ActionGuard guard : action.guards()) {
                if (guard == null || guard.refuse() == null || guard.refuse().isBlank() || guard.reason() == null) {
                    problems.add(new ProfileProblem(source, line, field + ".guards", named
                            + ": each guard needs 'refuse' (SQL) and 'reason'"));
                }
            }
            for (ActionSpec.ActionParameter parameter : action.parameters()) {
                if (parameter == null || parameter.name() == null || !parameter.name().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    problems.add(new ProfileProblem(source, line, field + ".parameters", named
                            + ": each parameter needs a name (letters, digits, '_'), used as :name in its SQL"));
                }
            }
            for (String column : action.requiresColumn()) {
                if (column == null || column.isBlank() || column.chars().filter(c -> c == '.').count() > 1) {
                    problems.add(new ProfileProblem(source, line, field + ".requiresColumn", named
                            + ": requiresColumn entries are 'column' or 'table.column'"));
                }
            }
            for (String function : action.requiresFunction()) {
                if (function == null || function.isBlank() || function.chars().filter(c -> c == '.').count() > 1) {
                    problems.add(new ProfileProblem(source, line, field + ".requiresFunction", named
                            + ": requiresFunction entries are 'name' or 'schema.name'"));
                }
            }
        }
    }

    private static boolean validThreshold(StuckRule rule) {
        try {
            if (rule.threshold() != null) {
                io.pitwall.queue.Ages.parse(rule.threshold());
            }
            rule.thresholds().values().forEach(io.pitwall.queue.Ages::parse);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ProfileProblem problem(String source, String text, String field, String message) {
        return new ProfileProblem(source, lineOf(text, field), field, message);
    }

    /**
     * The line of a nested field, e.g. {@code ["states", "executing"]}: each name is looked for after the previous
     * one, so a name used at several levels is found where the path puts it. 0 when not found.
     */
    static int lineOfPath(String text, List<String> names) {
        int at = 0;
        for (String name : names) {
            int next = text.indexOf('"' + name + '"', at);
            if (next < 0) {
                return 0;
            }
            at = next;
        }
        return names.isEmpty() ? 0 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    /** The line of a field's first occurrence, so a semantic error still points into the file. */
    static int lineOf(String text, String field) {
        int at = text.indexOf('"' + field + '"');
        if (at < 0) {
            return 0;
        }
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
