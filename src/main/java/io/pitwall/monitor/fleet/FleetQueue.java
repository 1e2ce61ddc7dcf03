package io.pitwall.monitor.fleet;

import java.time.Duration;

/**
 * One queue of one connection, as the overview lists it.
 *
 * @param oldestQueued age of the oldest queued task, null when none is queued or the schema keeps no creation time
 */
public record FleetQueue(String profileId, String title, String queue, long stuck, long failed, long queued,
                         Duration oldestQueued) {
}
