package io.pitwall.queue;

import java.time.Duration;
import java.time.Instant;

/**
 * How one count was obtained, so the console and JSON can say so beside the number.
 *
 * @param method    exact (counted with this refresh), counted (exactly, in the background, at {@code countedAt})
 *                  or estimated
 * @param source    {@code index} (counted from an index), {@code full count} (the table counted in full),
 *                  {@code planner} (the planner's row estimate)
 * @param countedAt for {@link Method#COUNTED}: when that count was taken; null otherwise
 */
public record CountAccuracy(Method method, String source, Instant countedAt) {

    /** From the most certain to the least: a number made of several takes the least certain of its parts. */
    public enum Method { EXACT, COUNTED, ESTIMATED }

    public static final CountAccuracy FROM_INDEX = new CountAccuracy(Method.EXACT, "index");
    public static final CountAccuracy FULL_COUNT = new CountAccuracy(Method.EXACT, "full count");
    public static final CountAccuracy PLANNER = new CountAccuracy(Method.ESTIMATED, "planner");

    public CountAccuracy(Method method, String source) {
        this(method, source, null);
    }

    public static CountAccuracy counted(String source, Instant at) {
        return new CountAccuracy(Method.COUNTED, source, at);
    }

    /** Counted with this refresh: only such a number is broken down per kind and queue. */
    public boolean exact() {
        return method == Method.EXACT;
    }

    /** How old a background count is at {@code now}; zero for a count of this refresh. */
    public Duration age(Instant now) {
        return countedAt == null || now.isBefore(countedAt) ? Duration.ZERO : Duration.between(countedAt, now);
    }

    /** "counted 42 s ago", "counted 3 min ago": what the console and text output say beside a background count. */
    public String ageText(Instant now) {
        long seconds = age(now).toSeconds();
        return "counted " + (seconds < 120 ? seconds + " s" : seconds / 60 + " min") + " ago";
    }

    /** The less certain of two (an older background count is less certain than a newer one). */
    public CountAccuracy worst(CountAccuracy other) {
        if (other == null) {
            return this;
        }
        if (other.method.ordinal() != method.ordinal()) {
            return other.method.ordinal() > method.ordinal() ? other : this;
        }
        return method == Method.COUNTED && other.countedAt.isBefore(countedAt) ? other : this;
    }
}
