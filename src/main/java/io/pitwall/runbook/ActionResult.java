package io.pitwall.runbook;

import java.util.List;

/** What an execution did: the counts, every skipped row with its reason, and the audit rows (one per batch). */
public record ActionResult(String profileId, String actionId, boolean dryRun, int matched, int applied,
                           List<Skip> skipped, List<Long> auditIds, boolean cancelled) {

    public ActionResult {
        skipped = List.copyOf(skipped);
        auditIds = List.copyOf(auditIds);
    }

    public Long auditId() {
        return auditIds.isEmpty() ? null : auditIds.getFirst();
    }

    /** Rows were there to act on and none was changed: the contract's "refused" (exit 3). */
    public boolean refused() {
        return matched > 0 && applied == 0 && !dryRun;
    }
}
