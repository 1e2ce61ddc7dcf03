package io.pitwall.queue;

import java.time.Instant;

/**
 * How long one kind's queued tasks have waited.
 *
 * @param oldestQueued when its oldest queued task was created
 * @param readAt       the database's clock at the read, so the age does not depend on this machine's clock
 */
public record KindAge(String profileId, String where, String kind, Instant oldestQueued, Instant readAt) {
}
