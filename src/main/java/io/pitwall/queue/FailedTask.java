package io.pitwall.queue;

import java.time.Instant;

/**
 * One failed task as a list shows it.
 *
 * @param at when it failed, as near as the schema tells (finished, else updated, else created)
 */
public record FailedTask(String profileId, String where, String id, String kind, String rawState, String owner,
                         Integer attempts, String error, Instant at) {

    public String fingerprint() {
        return Fingerprint.of(error);
    }
}
