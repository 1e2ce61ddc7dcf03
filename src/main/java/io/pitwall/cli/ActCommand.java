package io.pitwall.cli;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.queue.Ages;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.runbook.ActionFailed;
import io.pitwall.runbook.ActionListener;
import io.pitwall.runbook.ActionPreview;
import io.pitwall.runbook.ActionRefused;
import io.pitwall.runbook.ActionRequest;
import io.pitwall.runbook.ActionResult;
import io.pitwall.runbook.BadActionRequest;
import io.pitwall.runbook.PreviewRow;
import io.pitwall.runbook.Runbook;
import io.pitwall.runbook.Skip;
import io.pitwall.runbook.UndoExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "act", mixinStandardHelpOptions = true,
        description = {"Run one of a profile's actions safely: preview, guarded batches under row locks, audit.",
                "ACTION 'undo' with --audit-id N undoes an audited batch (only rows still as the action left them)."})
final class ActCommand implements Callable<Integer> {

    static final int PREVIEW_ROWS = 1_000;

    private final Output output;

    @Parameters(index = "0", paramLabel = "ACTION", description = "the action id (see: pitwall actions --profile ID), or undo")
    String actionId;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(names = "--profile", paramLabel = "ID", description = "the profile (required, except for undo)")
    String profileId;

    @Option(names = "--task", paramLabel = "ID", description = "a row to act on (repeatable)")
    List<String> tasks = new ArrayList<>();

    @Option(names = "--kind", paramLabel = "K", description = "only tasks of this kind")
    String kind;

    @Option(names = "--state", paramLabel = "S", description = "only tasks in this canonical state")
    String state;

    @Option(names = "--queue", paramLabel = "Q", description = "only this queue (tasks of it, or the queue itself for a queue action)")
    String queue;

    @Option(names = "--stuck", description = "only the rows the action's stuck rule selects")
    boolean stuck;

    @Option(names = "--all", description = "act on every row the action's scope selects, in every queue (needed for an "
            + "action with no undo when no selector is given)")
    boolean all;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "an action parameter (repeatable)")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--audit-id", paramLabel = "N", description = "for undo: the audit entry to undo")
    Long auditId;

    @Option(names = "--dry-run", description = "preview only: nothing changes")
    boolean dryRun;

    @Option(names = "--yes", description = "apply (after the same preview)")
    boolean yes;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why; required, recorded in the audit")
    String reason;

    ActCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() throws Exception {
        if (database.readOnly) {
            throw new CliException(ExitCodes.REFUSED, "--read-only: no action (undo and dry runs included) runs on a "
                    + "read-only connection; nothing was changed");
        }
        if (dryRun == yes) {
            throw new CliException(ExitCodes.BAD_INPUT, "give exactly one of --dry-run or --yes");
        }
        if (reason == null || reason.isBlank()) {
            throw new CliException(ExitCodes.BAD_INPUT, "--reason is required: it goes to the audit record");
        }
        ProfileRegistry registry = DatabaseOptions.profiles();
        boolean undo = UndoExecutor.ACTION_ID.equals(actionId);
        if (!undo) {
            if (profileId == null) {
                throw new CliException(ExitCodes.BAD_INPUT, "--profile is required");
            }
            ProfileChoice.known(registry, profileId);
            if (registry.versions(profileId).stream().allMatch(p -> p.action(actionId).isEmpty())) {
                throw new CliException(ExitCodes.BAD_INPUT, "profile " + profileId + " has no action '" + actionId
                        + "'; it has: " + String.join(", ", ActionsCommand.ids(registry, profileId)));
            }
        } else if (auditId == null) {
            throw new CliException(ExitCodes.BAD_INPUT, "undo needs --audit-id N (see: pitwall audit)");
        }
        try (MonitorSession session = database.openSession(registry)) {
            Runbook runbook = new Runbook(session);
            return undo ? undo(runbook) : act(runbook);
        } catch (BadActionRequest e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
        } catch (ActionRefused e) {
            throw new CliException(ExitCodes.REFUSED, e.getMessage());
        }
    }

    private int act(Runbook runbook) throws Exception {
        ActionRequest request = new ActionRequest(profileId, actionId, tasks, kind, state, stuck, parameters, reason, all,
                queue);
        List<ActionPreview> previews = runbook.preview(request);
        boolean refused = previews.stream().allMatch(ActionPreview::refused)
                && previews.stream().anyMatch(p -> p.matched() > 0 || !p.missing().isEmpty());
        if (dryRun || refused) {
            report(previews, null, dryRun);
            return refused ? ExitCodes.REFUSED : ExitCodes.DONE;
        }
        try {
            ActionResult result = runbook.execute(previews, database.json ? ActionListener.NONE : new ActionListener() {
                @Override
                public void batchDone(int rowsDone, int rowsTotal) {
                    System.err.println("pitwall: " + rowsDone + "/" + rowsTotal + " rows processed");
                }
            });
            report(previews, result, false);
            return result.refused() ? ExitCodes.REFUSED : ExitCodes.DONE;
        } catch (ActionFailed e) {
            report(previews, e.committed(), false);
            throw new CliException(ExitCodes.FAILED, e.getMessage());
        }
    }

    private int undo(Runbook runbook) throws Exception {
        ActionResult result = runbook.undo(auditId, reason, dryRun, ActionListener.NONE);
        Map<String, Object> document = document(UndoExecutor.ACTION_ID, result.profileId(), dryRun, result.matched(),
                dryRun ? 0 : result.applied(), result.skipped(), result.auditId());
        document.put("undoOf", auditId);
        if (dryRun) {
            document.put("wouldApply", result.matched() - result.skipped().size());
        }
        print(document, result.skipped());
        boolean nothing = result.matched() > 0 && result.skipped().size() == result.matched();
        return nothing ? ExitCodes.REFUSED : ExitCodes.DONE;
    }

    /** Rows a text dry-run prints; the counts cover the rest. */
    private static final int TEXT_ROWS = 25;

    private void report(List<ActionPreview> previews, ActionResult result, boolean dryRun) {
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
            document.put("rows", previews.stream().flatMap(p -> p.rows().stream()).limit(PREVIEW_ROWS).map(ActCommand::row).toList());
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

    private static Map<String, Object> document(String action, String profile, boolean dryRun, int matched, int applied,
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

    private void print(Map<String, Object> document, List<Skip> skipped) {
        if (database.json) {
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
