package io.pitwall.runbook;

import java.util.List;

/**
 * What an execution did: the counts, every skipped row with its reason, and the audit rows (one per batch).
 * matched = applied + skipped + notAttempted, always.
 *
 * @param notAttempted rows never tried because the run failed or was cancelled before their batch
 */
public record ActionResult(String profileId, String actionId, boolean dryRun, int matched, int applied,
                           List<Skip> skipped, List<Long> auditIds, boolean cancelled, int notAttempted) {

    public ActionResult {
        skipped = List.copyOf(skipped);
        auditIds = List.copyOf(auditIds);
    }

    public ActionResult(String profileId, String actionId, boolean dryRun, int matched, int applied,
                        List<Skip> skipped, List<Long> auditIds, boolean cancelled) {
        this(profileId, actionId, dryRun, matched, applied, skipped, auditIds, cancelled, 0);
    }

    public Long auditId() {
        return auditIds.isEmpty() ? null : auditIds.getFirst();
    }

    /** Rows were there to act on and none was changed: the contract's "refused" (exit 3). */
    public boolean refused() {
        return matched > 0 && applied == 0 && !dryRun && notAttempted == 0;
    }
}
