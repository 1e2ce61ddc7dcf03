package io.pitwall.runbook;

import java.time.Instant;

/**
 * One row the action would touch, as it is now.
 *
 * @param refusal the guard's reason if the row would be skipped, null if it would be changed
 * @param bytes   the size of the row as JSON, what its before image will weigh in the audit row
 */
public record PreviewRow(String id, String state, String holder, Instant since, String refusal, long bytes) {

    public PreviewRow(String id, String state, String holder, Instant since, String refusal) {
        this(id, state, holder, since, refusal, 0);
    }

    public boolean allowed() {
        return refusal == null;
    }
}
