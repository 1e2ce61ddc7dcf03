package io.pitwall.runbook;

import io.pitwall.profile.ActionSpec;
import io.pitwall.profile.Binding;

import java.util.List;
import java.util.Map;

/**
 * What an action would do, read in a read-only transaction: the rows with their state, holder and age, which
 * of them a guard refuses and why, and the exact SQL with its parameters. Nothing has changed yet.
 */
public record ActionPreview(Binding binding, ActionSpec spec, ActionRequest request, List<PreviewRow> rows,
                            List<Skip> missing, String selectSql, String applySql, Map<String, Object> parameters,
                            List<String> guards) {

    public ActionPreview {
        rows = List.copyOf(rows);
        missing = List.copyOf(missing);
        guards = List.copyOf(guards);
    }

    public ActionPreview withMissing(List<Skip> reallyMissing) {
        return new ActionPreview(binding, spec, request, rows, reallyMissing, selectSql, applySql, parameters, guards);
    }

    public ActionPreview withReason(String reason) {
        return new ActionPreview(binding, spec, request.withReason(reason), rows, missing, selectSql, applySql, parameters,
                guards);
    }

    /** The operator confirmed "every row" after reading this preview (the console's {@code --all}). */
    public ActionPreview withAll() {
        ActionRequest r = request;
        return new ActionPreview(binding, spec, new ActionRequest(r.profileId(), r.actionId(), r.taskIds(), r.kind(), r.state(),
                r.stuck(), r.parameters(), r.reason(), true), rows, missing, selectSql, applySql, parameters, guards);
    }

    /**
     * An action with no undo and no selector would take every row of its scope, in every queue: it runs only when
     * the operator said so ({@code --all}, or the dialog's "every row" box). The preview itself is allowed.
     */
    public boolean needsAll() {
        return !request.hasSelector() && !spec.undoable() && !request.all();
    }

    /** Why {@link #needsAll()} refuses, in the operator's words. */
    public String needsAllReason() {
        return "action " + spec.id() + " cannot be undone and no selector was given: it would act on every "
                + (spec.noun() == null ? "row" : spec.noun()) + " its scope finds, in every queue the profile was found "
                + "in. Name the rows (--task, --kind, --state, --stuck), or say --all; nothing was changed";
    }

    public int matched() {
        return rows.size();
    }

    public List<PreviewRow> allowedRows() {
        return rows.stream().filter(PreviewRow::allowed).toList();
    }

    /** Rows a guard refuses now, and named rows that do not exist. */
    public List<Skip> skipped() {
        List<Skip> skipped = new java.util.ArrayList<>(missing);
        rows.stream().filter(r -> !r.allowed()).forEach(r -> skipped.add(new Skip(r.id(), r.refusal())));
        return skipped;
    }

    /** Every row there is would be refused: the request as a whole is refused. */
    public boolean refused() {
        return (matched() > 0 || !missing.isEmpty()) && allowedRows().isEmpty();
    }

    public boolean large() {
        return allowedRows().size() >= spec.largeCountOrDefault();
    }

    /**
     * The table whose rows the action changes, as schema.table: the task table, or the other table of the profile
     * an action on locks or master rows reads (Broadleaf's blc_serial_event_lock, not its deployments table).
     */
    public String actsOn() {
        if (spec.table() == null || spec.table().isBlank()) {
            return binding.where();
        }
        return binding.schema() + "." + spec.table().replace("{queue}", binding.queue() == null ? "" : binding.queue());
    }

    /** "Requeue 12 stuck tasks of kind imaging": the confirm dialog's title and the audit's summary. */
    public String headline() {
        int n = allowedRows().size();
        String noun = spec.noun() == null ? "row" : spec.noun();
        String text = spec.verb() + " " + n + " " + (n == 1 ? noun : plural(noun));
        if (n == 1 && !request.taskIds().isEmpty()) {
            text += " " + allowedRows().getFirst().id();
        }
        if (request.kind() != null) {
            text += " of kind " + request.kind();
        }
        if (binding.queue() != null) {
            text += " in queue " + binding.queue();
        }
        return text;
    }

    /**
     * The headline of an action over several places (real Absurd's queues): the rows of all of them, and every
     * queue named, so the operator confirms what will really be touched.
     */
    public static String headline(List<ActionPreview> previews) {
        if (previews.size() == 1) {
            return previews.getFirst().headline();
        }
        ActionPreview first = previews.getFirst();
        int n = previews.stream().mapToInt(p -> p.allowedRows().size()).sum();
        String noun = first.spec.noun() == null ? "row" : first.spec.noun();
        String text = first.spec.verb() + " " + n + " " + (n == 1 ? noun : plural(noun));
        if (first.request.kind() != null) {
            text += " of kind " + first.request.kind();
        }
        List<String> queues = previews.stream().map(p -> p.binding.queue() != null ? p.binding.queue() : p.binding.where())
                .toList();
        boolean perQueue = previews.stream().allMatch(p -> p.binding.queue() != null);
        text += (perQueue ? " in queues " : " in ") + String.join(", ", queues);
        text += " (" + String.join(", ", previews.stream().map(p -> (p.binding.queue() != null ? p.binding.queue()
                : p.binding.where()) + ": " + p.allowedRows().size()).toList()) + ")";
        return text;
    }

    private static String plural(String noun) {
        int space = noun.lastIndexOf(' ');
        String last = noun.substring(space + 1);
        String plural = last.endsWith("s") ? last + "es" : last + "s";
        return noun.substring(0, space + 1) + plural;
    }
}
