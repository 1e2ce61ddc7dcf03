package io.pitwall.queue;

import java.time.Duration;

/**
 * A threshold set for one run (e.g. {@code --threshold lease-expired=10m}); it beats the profile's.
 *
 * @param kind null for every kind
 */
public record ThresholdOverride(String rule, String kind, Duration threshold) {

    /** Parses {@code RULE=DURATION} or {@code RULE:KIND=DURATION}. */
    public static ThresholdOverride parse(String text) {
        int equals = text.lastIndexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("expected RULE=DURATION or RULE:KIND=DURATION, got '" + text + "'");
        }
        String target = text.substring(0, equals);
        Duration threshold = Ages.parse(text.substring(equals + 1));
        int colon = target.indexOf(':');
        return colon < 0 ? new ThresholdOverride(target, null, threshold)
                : new ThresholdOverride(target.substring(0, colon), target.substring(colon + 1), threshold);
    }
}
