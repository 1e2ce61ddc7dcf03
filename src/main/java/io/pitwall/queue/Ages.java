package io.pitwall.queue;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as an operator reads and types them: "45 s", "10 min", "2 h 5 min", "3 d"; "5m", "90s", "1h30m". */
public final class Ages {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|sec|m|min|h|d|w)?");

    private Ages() {
    }

    public static String format(Duration duration) {
        if (duration == null) {
            return "—";
        }
        long seconds = Math.abs(duration.toSeconds());
        String sign = duration.isNegative() ? "-" : "";
        if (seconds < 120) {
            return sign + seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 120) {
            return sign + minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            long rest = minutes % 60;
            return sign + hours + " h" + (rest == 0 ? "" : " " + rest + " min");
        }
        return sign + hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }

    /** Beyond this, a time is a sentinel (PostgreSQL's 'infinity' reads as the year 292278994), not a date. */
    private static final java.time.Instant FAR_FUTURE = java.time.Instant.parse("+100000-01-01T00:00:00Z");
    private static final java.time.Instant FAR_PAST = java.time.Instant.parse("-100000-01-01T00:00:00Z");

    /** A time beside now, as an operator reads it: "61 min ago", "in 61 min", "never (infinity)"; never a negative age. */
    public static String relative(java.time.Instant at, java.time.Instant now) {
        if (at == null) {
            return "—";
        }
        if (isInfinite(at)) {
            return at.isAfter(now) ? "never (infinity)" : "since always (-infinity)";
        }
        Duration age = Duration.between(at, now);
        if (age.isNegative()) {
            return "in " + format(age.negated());
        }
        return age.isZero() ? "now" : format(age) + " ago";
    }

    /** PostgreSQL's 'infinity' and '-infinity' (and any other time far beyond any real schedule). */
    public static boolean isInfinite(java.time.Instant at) {
        return at != null && (at.isAfter(FAR_FUTURE) || at.isBefore(FAR_PAST));
    }

    public static String formatSeconds(double seconds) {
        return format(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    /**
     * Parses "5m", "90s", "1h30m", "2h", "7d", "1w", "300" (seconds) or ISO-8601 ("PT2H");
     * throws IllegalArgumentException on anything else.
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        String input = text.trim().toLowerCase(Locale.ROOT);
        if (input.startsWith("p")) {
            try {
                return Duration.parse(input.toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: '" + text + "' (try 90s, 5m, 2h, 7d or PT2H)");
            }
        }
        Matcher matcher = PART.matcher(input);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < input.length()) {
            if (!matcher.find(at) || matcher.start() != at) {
                throw new IllegalArgumentException("not a duration: '" + text + "' (try 90s, 5m, 2h, 1h30m)");
            }
            double value = Double.parseDouble(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            double millis = switch (unit) {
                case "ms" -> value;
                case "s", "sec" -> value * 1000;
                case "m", "min" -> value * 60_000;
                case "h" -> value * 3_600_000;
                case "d" -> value * 86_400_000;
                case "w" -> value * 604_800_000;
                default -> throw new IllegalArgumentException("unknown unit in '" + text + "'");
            };
            total = total.plusMillis(Math.round(millis));
            at = matcher.end();
            while (at < input.length() && input.charAt(at) == ' ') {
                at++;
            }
        }
        return total;
    }
}
