package io.pitwall.queue;

import java.time.Instant;

/**
 * One failed task (or one in another finished state the list was asked for) as a list shows it.
 *
 * @param at when it failed, as near as the schema tells (finished, else updated, else created)
 */
public record FailedTask(String profileId, String where, String id, String kind, String rawState, String owner,
                         Integer attempts, String error, Instant at, CanonicalState state) {

    public String fingerprint() {
        return Fingerprint.of(error);
    }
}
