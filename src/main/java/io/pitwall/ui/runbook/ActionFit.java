package io.pitwall.ui.runbook;

import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ActionSpec;
import io.pitwall.runbook.ActionPreview;
import io.pitwall.runbook.ActionRequest;
import io.pitwall.runbook.Runbook;
import io.pitwall.runbook.Skip;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether an action applies to the rows a menu was opened on: the action's own preview (its selection and its
 * guards, read without locking or changing anything) decides, so a menu offers what its guards would let through
 * and says of the rest why not, in the guard's words. Runs off the FX thread.
 */
final class ActionFit {

    /** More ids than this are not checked before the menu opens: the confirm dialog's preview says it then. */
    static final int MAX_CHECKED = 1_000;

    private ActionFit() {
    }

    /** Why an action does not apply to any of the rows; null when it applies to one or more (or was not checked). */
    static String whyNot(MonitorSession session, String where, ActionSpec action, ActionRequest request) {
        if (request.taskIds().size() > MAX_CHECKED) {
            return null;
        }
        // The preview wants a reason as the run does; this one is never applied, so it is never recorded.
        ActionRequest asked = new ActionRequest(request.profileId(), request.actionId(), request.taskIds(), request.kind(),
                request.state(), request.stuck(), request.parameters(), "preview", request.all(), request.queue());
        List<ActionPreview> previews;
        try {
            previews = new Runbook(session).preview(asked, where);
        } catch (Exception e) {
            // The preview reads through JDBC (its only checked exception is SQLException); the ui names no JDBC type.
            // A request the preview cannot judge before its parameters are asked (or an action refused here
            // outright) is left to the confirm dialog, which says why; only a clear "no row passes" disables.
            String message = e.getMessage() == null ? "" : e.getMessage();
            return message.contains("not offered") ? message : null;
        }
        if (previews.stream().anyMatch(p -> !p.allowedRows().isEmpty())) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        for (ActionPreview preview : previews) {
            preview.skipped().stream().map(Skip::reason).filter(r -> r != null && !r.isBlank()).forEach(reasons::add);
        }
        return reasons.isEmpty() ? "no row matches what " + action.title().toLowerCase() + " acts on"
                : reasons.stream().distinct().findFirst().orElseThrow();
    }

    /** Every target's verdict, in the order given. */
    static List<String> judge(MonitorSession session, List<Target> targets) {
        List<String> verdicts = new ArrayList<>();
        targets.forEach(target -> verdicts.add(whyNot(session, target.where(), target.action(), target.request())));
        return verdicts;
    }

    /** Where and on what an action would run. */
    record Target(String where, ActionSpec action, ActionRequest request) {
    }
}
