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

    private static String plural(String noun) {
        int space = noun.lastIndexOf(' ');
        String last = noun.substring(space + 1);
        String plural = last.endsWith("s") ? last + "es" : last + "s";
        return noun.substring(0, space + 1) + plural;
    }
}
