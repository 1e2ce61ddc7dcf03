package io.pitwall.cli;

import io.pitwall.queue.Ages;

import java.time.Duration;

/** A duration given on the command line (--since, --older-than, …): 90s, 5m, 2h, 7d, 1w or PT2H; exit 2 otherwise. */
final class DurationOption {

    private DurationOption() {
    }

    /** The duration, or null when the option was not given. */
    static Duration parse(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Ages.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.BAD_INPUT, option + ": " + e.getMessage());
        }
    }
}
