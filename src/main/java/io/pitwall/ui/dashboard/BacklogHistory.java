package io.pitwall.ui.dashboard;

import io.pitwall.queue.StateCounts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The counts a queue had over the last hour, as the console saw them on its refreshes. Bounded: at most one
 * sample per {@link #SPACING}, and nothing older than {@link #WINDOW}, so an open console never grows.
 */
final class BacklogHistory {

    static final Duration WINDOW = Duration.ofHours(1);
    static final Duration SPACING = Duration.ofSeconds(5);
    static final int MAX_SAMPLES = (int) (WINDOW.toSeconds() / SPACING.toSeconds()) + 1;

    record Sample(Instant at, StateCounts counts) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    /** Adds a sample unless the last one is too recent; returns whether it was added. */
    boolean add(Instant at, StateCounts counts) {
        if (!samples.isEmpty() && Duration.between(samples.getLast().at(), at).compareTo(SPACING) < 0) {
            return false;
        }
        samples.addLast(new Sample(at, counts));
        Instant oldest = at.minus(WINDOW);
        while (samples.size() > MAX_SAMPLES || samples.getFirst().at().isBefore(oldest)) {
            samples.removeFirst();
        }
        return true;
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    int size() {
        return samples.size();
    }
}
