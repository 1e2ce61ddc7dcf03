package io.pitwall.queue;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The spans of one pipeline as read at {@code readAt}.
 *
 * @param truncated true when the pipeline had more tasks than one read returns
 * @param stuck     the profile's stuck rules' verdicts on this pipeline's tasks, as the stuck screen reads them
 */
public record Pipeline(String profileId, String key, Instant readAt, List<Span> spans, boolean truncated,
                       List<StuckItem> stuck) {

    public Pipeline {
        spans = List.copyOf(spans);
        stuck = stuck == null ? List.of() : List.copyOf(stuck);
    }

    public Pipeline(String profileId, String key, Instant readAt, List<Span> spans, boolean truncated) {
        this(profileId, key, readAt, spans, truncated, List.of());
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

    /**
     * The rules a span is stuck by: a task's own span, and its open history spans (the run holding the lease),
     * carry their task's verdicts; a finished run of a stuck task does not.
     */
    public List<StuckItem> stuckOf(Span span) {
        if (stuck.isEmpty() || !("task".equals(span.source()) || span.open())) {
            return List.of();
        }
        return stuck.stream().filter(item -> item.id().equals(span.taskId())
                && Objects.equals(item.where(), span.where())).toList();
    }
}
