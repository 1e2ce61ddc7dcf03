package io.pitwall.queue;

import java.time.Instant;

/**
 * One failed task (or one in another finished state the list was asked for) as a list shows it.
 *
 * @param at when it failed, as near as the schema tells (finished, else updated, else created)
 * @param queue the queue it is in: the profile's {@code tasks.queue}, else the bound queue, else the table
 */
public record FailedTask(String profileId, String where, String id, String kind, String rawState, String owner,
                         Integer attempts, String error, Instant at, CanonicalState state, String queue) {

    /** A task of a table that is its own queue. */
    public FailedTask(String profileId, String where, String id, String kind, String rawState, String owner,
                      Integer attempts, String error, Instant at, CanonicalState state) {
        this(profileId, where, id, kind, rawState, owner, attempts, error, at, state, where);
    }

    public String fingerprint() {
        return Fingerprint.of(error);
    }
}
