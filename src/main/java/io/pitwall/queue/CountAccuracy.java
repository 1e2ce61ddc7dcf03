package io.pitwall.queue;

/**
 * How one count was obtained, so the console and JSON can say so beside the number.
 *
 * @param method exact or estimated
 * @param source {@code index} (counted now from an index), {@code full count} (a small table counted in full),
 *               {@code planner} (the planner's row estimate)
 */
public record CountAccuracy(Method method, String source) {

    public enum Method { EXACT, ESTIMATED }

    public static final CountAccuracy FROM_INDEX = new CountAccuracy(Method.EXACT, "index");
    public static final CountAccuracy FULL_COUNT = new CountAccuracy(Method.EXACT, "full count");
    public static final CountAccuracy PLANNER = new CountAccuracy(Method.ESTIMATED, "planner");

    public boolean exact() {
        return method == Method.EXACT;
    }

    /** The less certain of two: an estimate wins over an exact count when several sources make up one number. */
    public CountAccuracy worst(CountAccuracy other) {
        if (other == null) {
            return this;
        }
        return exact() && !other.exact() ? other : this;
    }
}
