package io.pitwall.queue;

/**
 * An index a profile needs for exact counts on a big table, and that no index of the table provides.
 *
 * @param purpose   {@code active} (the non-terminal states) or {@code failed}
 * @param where     the table, as psql prints it
 * @param predicate the rows the index must serve
 * @param create    the {@code CREATE INDEX CONCURRENTLY ...} to run, or null where the profile names none (a derived
 *                  state whose profile gives no {@code counts.active})
 */
public record MissingIndex(String purpose, String where, String predicate, String create) {

    /** What an operator reads: what is estimated now, and what to run. */
    public String advice() {
        String what = purpose.equals("active") ? "queued, scheduled, running and paused counts" : "failed counts";
        return "no index serves the " + what + " of " + where + ", so on a big table they are estimates; "
                + (create != null ? "run: " + create : "the profile names no index for: " + predicate);
    }
}
