package io.pitwall.queue;

import java.time.Instant;
import java.util.List;

/** One bounded page of a list; {@code next} continues after its last row, null at the end. */
public record TaskPage<T>(List<T> rows, Cursor next) {

    /** Where a keyset page ends: the sort time and the task's id value as the database returned it. */
    public record Cursor(Instant at, Object key) {
    }
}
