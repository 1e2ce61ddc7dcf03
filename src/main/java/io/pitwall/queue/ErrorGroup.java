package io.pitwall.queue;

import java.time.Instant;
import java.util.List;

/**
 * Failures that share an error fingerprint: how many, of which kinds, in which queues, since when, and one full
 * message.
 *
 * @param profileId the profile the failures were read with
 * @param queues    the queues they are in (the table's "schema.table" where it holds one), so two groups with one
 *                  message in two queues can be told apart
 * @param note      why there is no error text, for the group of failures that have none; null otherwise
 */
public record ErrorGroup(String fingerprint, long count, List<String> kinds, Instant firstSeen, Instant lastSeen,
                         List<String> ids, String sample, String profileId, List<String> queues, String note) {

    public ErrorGroup {
        kinds = List.copyOf(kinds);
        ids = List.copyOf(ids);
        queues = queues == null ? List.of() : List.copyOf(queues);
    }

    /** The fingerprint as an operator reads it: with the reason where the failures carry no error text. */
    public String headline() {
        return note == null ? fingerprint : fingerprint + ": " + note;
    }
}
