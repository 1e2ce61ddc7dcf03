package io.pitwall.runbook;

import java.time.Instant;

/**
 * One row the action would touch, as it is now.
 *
 * @param refusal the guard's reason if the row would be skipped, null if it would be changed
 */
public record PreviewRow(String id, String state, String holder, Instant since, String refusal) {

    public boolean allowed() {
        return refusal == null;
    }
}
