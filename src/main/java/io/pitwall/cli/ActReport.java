package io.pitwall.cli;

import io.pitwall.queue.Ages;
import io.pitwall.runbook.ActionPreview;
import io.pitwall.runbook.ActionResult;
import io.pitwall.runbook.PreviewRow;
import io.pitwall.runbook.Skip;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What act prints: the preview an operator checks before --yes, or what was done; text or one JSON document. */
final class ActReport {

    static final int PREVIEW_ROWS = ActCommand.PREVIEW_ROWS;

    private final Output output;
    private final boolean json;
    private final String actionId;
    private final String profileId;

    ActReport(Output output, boolean json, String actionId, String profileId) {
        this.output = output;
        this.json = json;
        this.actionId = actionId;
        this.profileId = profileId;
    }

    /** Rows a text dry-run prints; the counts cover the rest. */
    private static final int TEXT_ROWS = 25;

    void report(List<ActionPreview> previews, ActionResult result, boolean dryRun) {
        int matched = result != null ? result.matched()
                : previews.stream().mapToInt(p -> p.matched() + p.missing().size()).sum();
        List<Skip> skipped = result != null ? result.skipped()
                : previews.stream().flatMap(p -> p.skipped().stream()).toList();
        Map<String, Object> document = document(actionId, profileId, dryRun, matched,
                result == null ? 0 : result.applied(), skipped, result == null ? null : result.auditId());
        document.put("notAttempted", result == null ? 0 : result.notAttempted());
        document.put("headline", ActionPreview.headline(previews));
        if (previews.getFirst().spec().warning() != null) {
            document.put("warning", previews.getFirst().spec().warning());
        }
        if (result == null) {
            document.put("wouldApply", previews.stream().mapToInt(p -> p.allowedRows().size()).sum());
            // The first rows are enough to check a selection; the counts cover the rest.
            document.put("rows", previews.stream().flatMap(p -> p.rows().stream()).limit(PREVIEW_ROWS).map(ActReport::row).toList());
            document.put("rowsTruncated", previews.stream().mapToInt(ActionPreview::matched).sum() > PREVIEW_ROWS);
        } else {
            document.put("auditIds", result.auditIds());
            document.put("cancelled", result.cancelled());
        }
        ActionPreview first = previews.getFirst();
        if (previews.size() == 1) {
            document.put("sql", first.applySql());
            document.put("parameters", first.parameters());
        } else {
            // Every place the action spans, with its own SQL and parameters (each queue has its own tables).
            document.put("sql", String.join("\n", previews.stream().map(p -> "-- " + p.binding().where() + "\n" + p.applySql()).toList()));
            Map<String, Object> parametersByPlace = new LinkedHashMap<>();
            previews.forEach(p -> parametersByPlace.put(p.binding().where(), p.parameters()));
            document.put("parameters", parametersByPlace);
        }
        document.put("places", previews.stream().map(p -> {
            Map<String, Object> place = new LinkedHashMap<>();
            place.put("where", p.binding().where());
            place.put("queue", p.binding().queue());
            place.put("matched", p.matched() + p.missing().size());
            place.put("wouldApply", p.allowedRows().size());
            return place;
        }).toList());
        document.put("guards", first.guards());
        if (first.needsAll()) {
            document.put("needsAll", first.needsAllReason());
        }
        print(document, skipped);
    }

    static Map<String, Object> document(String action, String profile, boolean dryRun, int matched, int applied,
                                                List<Skip> skipped, Long auditId) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("action", action);
        document.put("profile", profile);
        document.put("dryRun", dryRun);
        document.put("matched", matched);
        document.put("applied", applied);
        document.put("skipped", skipped.stream().map(s -> Map.of("id", s.id(), "reason", s.reason())).toList());
        document.put("auditId", auditId);
        return document;
    }

    private static Map<String, Object> row(PreviewRow row) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", row.id());
        entry.put("state", row.state());
        entry.put("holder", row.holder());
        entry.put("since", row.since() == null ? null : row.since().toString());
        entry.put("refused", row.refusal());
        return entry;
    }

    void print(Map<String, Object> document, List<Skip> skipped) {
        if (json) {
            output.json(document);
            return;
        }
        if (document.containsKey("headline")) {
            output.line(String.valueOf(document.get("headline")) + (Boolean.TRUE.equals(document.get("dryRun")) ? "  (dry run)" : ""));
        }
        Object notAttempted = document.get("notAttempted");
        output.line("matched " + document.get("matched") + ", applied " + document.get("applied") + ", skipped " + skipped.size()
                + (notAttempted instanceof Integer n && n > 0 ? ", not attempted " + n : "")
                + (document.get("auditId") != null ? ", audit #" + document.get("auditId") : ""));
        if (document.get("rows") instanceof List<?> rows && !rows.isEmpty()) {
            // The preview an operator checks before --yes: which rows, in what state, held by whom, since when.
            output.line(String.format("  %-38s %-14s %-26s %-10s %s", "id", "state", "holder", "age", "guard"));
            rows.stream().limit(TEXT_ROWS).map(r -> (Map<?, ?>) r).forEach(r -> output.line(String.format(
                    "  %-38s %-14s %-26s %-10s %s", r.get("id"), text(r.get("state")), text(r.get("holder")),
                    age(r.get("since")), r.get("refused") == null ? "ok" : "refused: " + r.get("refused"))));
            if (rows.size() > TEXT_ROWS) {
                output.line("  … and " + (rows.size() - TEXT_ROWS) + " more (--json lists up to " + PREVIEW_ROWS + ")");
            }
        }
        if (document.get("needsAll") != null) {
            output.line("note: " + document.get("needsAll"));
        }
        if (document.get("sql") != null && Boolean.TRUE.equals(document.get("dryRun"))) {
            output.line("SQL:\n" + document.get("sql"));
            output.line("parameters: " + document.get("parameters"));
        }
        for (Skip skip : skipped) {
            output.line("  skipped " + skip.id() + ": " + skip.reason());
        }
        if (document.get("warning") != null) {
            output.line("note: " + document.get("warning"));
        }
    }

    private static String text(Object value) {
        return value == null ? "-" : value.toString();
    }

    private static String age(Object since) {
        if (since == null) {
            return "-";
        }
        // A future time (a scheduled run_at) reads "in 61 min", never as a negative age.
        return Ages.relative(Instant.parse(since.toString()), Instant.now());
    }
}
