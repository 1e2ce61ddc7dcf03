package io.pitwall.queue;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The spans of one pipeline as read at {@code readAt}.
 *
 * @param truncated true when the pipeline had more tasks than one read returns
 */
public record Pipeline(String profileId, String key, Instant readAt, List<Span> spans, boolean truncated) {

    public Pipeline {
        spans = List.copyOf(spans);
    }

    /** The earliest instant on the timeline, or null when no span has a time. */
    public Instant first() {
        return spans.stream().flatMap(s -> java.util.stream.Stream.of(s.queuedAt(), s.start()))
                .filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
    }

    /** The latest instant: the last end, or the read time while anything is open. */
    public Instant last() {
        if (spans.stream().anyMatch(s -> s.start() != null && s.open())) {
            return readAt;
        }
        return spans.stream().flatMap(s -> java.util.stream.Stream.of(s.start(), s.end()))
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(readAt);
    }
}
