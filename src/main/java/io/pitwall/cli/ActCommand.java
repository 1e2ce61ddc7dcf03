package io.pitwall.cli;

import io.pitwall.connect.DatabasePools;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileRegistry;
import io.pitwall.runbook.ActionFailed;
import io.pitwall.runbook.ActionListener;
import io.pitwall.runbook.ActionPreview;
import io.pitwall.runbook.ActionRefused;
import io.pitwall.runbook.ActionRequest;
import io.pitwall.runbook.ActionResult;
import io.pitwall.runbook.BadActionRequest;
import io.pitwall.runbook.Runbook;
import io.pitwall.runbook.UndoExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "act", mixinStandardHelpOptions = true,
        description = {"Run one of a profile's actions safely: preview, guarded batches under row locks, audit.",
                "ACTION 'undo' with --audit-id N undoes an audited batch (only rows still as the action left them)."},
        footer = {"",
                "A saved connection (--connection NAME) acts as the console acts on it:",
                "  - read-only: every action, undo and dry runs included, is refused (exit 3);",
                "  - production: --yes also needs --confirm-connection NAME, as the console",
                "    has the name typed; without it, or with another name, exit 3;",
                "  - the audit row records the connection's name.",
                "An action role (--act-as, or the saved one) logs in with its password from",
                "~/.pgpass, else --act-as-password-stdin, else the terminal (asked without",
                "echo), else the action is refused (exit 3); never from the command line.",
                "A wrong password fails (exit 1) before anything changes."})
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

    @Option(names = "--confirm-connection", paramLabel = "NAME",
            description = "with --yes on a production connection: its name, as the console asks it to be typed")
    String confirmConnection;

    ActCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() throws Exception {
        if (dryRun == yes) {
            throw new CliException(ExitCodes.BAD_INPUT, "give exactly one of --dry-run or --yes");
        }
        if (reason == null || reason.isBlank()) {
            throw new CliException(ExitCodes.BAD_INPUT, "--reason is required: it goes to the audit record");
        }
        ConnectionGuards.check(database.chosen(), yes, confirmConnection);
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
            return undo ? undo(runbook, session.pools()) : act(runbook, session.pools());
        } catch (BadActionRequest e) {
            throw new CliException(ExitCodes.BAD_INPUT, e.getMessage());
        } catch (ActionRefused e) {
            throw new CliException(ExitCodes.REFUSED, e.getMessage());
        }
    }

    private int act(Runbook runbook, DatabasePools pools) throws Exception {
        ActionRequest request = new ActionRequest(profileId, actionId, tasks, kind, state, stuck, parameters, reason, all,
                queue);
        List<ActionPreview> previews = runbook.preview(request);
        boolean refused = previews.stream().allMatch(ActionPreview::refused)
                && previews.stream().anyMatch(p -> p.matched() > 0 || !p.missing().isEmpty());
        if (dryRun || refused) {
            report().report(previews, null, dryRun);
            return refused ? ExitCodes.REFUSED : ExitCodes.DONE;
        }
        try (DatabasePools.ActionCredentials ignored = database.actionCredentials(pools)) {
            ActionResult result = runbook.execute(previews, database.json ? ActionListener.NONE : new ActionListener() {
                @Override
                public void batchDone(int rowsDone, int rowsTotal) {
                    System.err.println("pitwall: " + rowsDone + "/" + rowsTotal + " rows processed");
                }
            });
            report().report(previews, result, false);
            return result.refused() ? ExitCodes.REFUSED : ExitCodes.DONE;
        } catch (ActionFailed e) {
            report().report(previews, e.committed(), false);
            throw new CliException(ExitCodes.FAILED, e.getMessage());
        }
    }

    private int undo(Runbook runbook, DatabasePools pools) throws Exception {
        ActionResult result;
        try (DatabasePools.ActionCredentials ignored = dryRun ? () -> { } : database.actionCredentials(pools)) {
            result = runbook.undo(auditId, reason, dryRun, ActionListener.NONE);
        }
        Map<String, Object> document = ActReport.document(UndoExecutor.ACTION_ID, result.profileId(), dryRun, result.matched(),
                dryRun ? 0 : result.applied(), result.skipped(), result.auditId());
        document.put("undoOf", auditId);
        if (dryRun) {
            document.put("wouldApply", result.matched() - result.skipped().size());
        }
        report().print(document, result.skipped());
        boolean nothing = result.matched() > 0 && result.skipped().size() == result.matched();
        return nothing ? ExitCodes.REFUSED : ExitCodes.DONE;
    }

    private ActReport report() {
        return new ActReport(output, database.json, actionId, profileId);
    }
}
