package io.pitwall.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The part of a pipeline's time where its bulk lies, so one task left over from yesterday does not stretch the
 * axis to a day and squeeze today's work into a pixel. The pipeline's busy time is cut at every idle gap of at
 * least {@link #GAP_SHARE} of its whole length (and at least {@link #MIN_GAP}); the piece holding the most spans
 * is the focus, the latest piece on a tie (what is happening now beats what happened). Everything outside it is an
 * outlier, which the chart marks at the edge instead of drawing it to scale.
 *
 * @param start    where the view begins
 * @param end      where it ends
 * @param before   spans wholly before the focus (ended before {@code start})
 * @param after    spans wholly after it (began after {@code end})
 */
public record TimelineFocus(Instant start, Instant end, List<Span> before, List<Span> after) {

    /** An idle gap this share of the whole pipeline's length splits it. */
    public static final double GAP_SHARE = 0.3;
    /** A shorter gap never splits: a pipeline of a few minutes is read whole. */
    public static final Duration MIN_GAP = Duration.ofMinutes(10);

    public TimelineFocus {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /** True when something lies outside the focus, so "show all" shows more. */
    public boolean narrowed() {
        return !before.isEmpty() || !after.isEmpty();
    }

    /** The whole pipeline, or null when no span has a time. */
    public static TimelineFocus whole(Pipeline pipeline) {
        Instant first = pipeline.first();
        if (first == null) {
            return null;
        }
        Instant last = pipeline.last().isBefore(first) ? first : pipeline.last();
        return new TimelineFocus(first, last, List.of(), List.of());
    }

    /** The bulk of the pipeline, or the whole of it when no gap is wide enough to split it; null with no times. */
    public static TimelineFocus of(Pipeline pipeline) {
        TimelineFocus whole = whole(pipeline);
        if (whole == null) {
            return null;
        }
        List<Piece> pieces = pieces(pipeline, whole);
        if (pieces.size() < 2) {
            return whole;
        }
        Piece focus = pieces.getFirst();
        for (Piece piece : pieces) {
            if (piece.spans.size() >= focus.spans.size()) {
                focus = piece;
            }
        }
        List<Span> before = new ArrayList<>();
        List<Span> after = new ArrayList<>();
        for (Piece piece : pieces) {
            if (piece.to.isBefore(focus.from)) {
                before.addAll(piece.spans);
            } else if (piece.from.isAfter(focus.to)) {
                after.addAll(piece.spans);
            }
        }
        return new TimelineFocus(focus.from, focus.to, before, after);
    }

    private static List<Piece> pieces(Pipeline pipeline, TimelineFocus whole) {
        Duration length = Duration.between(whole.start(), whole.end());
        Duration gap = Duration.ofMillis(Math.max(MIN_GAP.toMillis(), (long) (length.toMillis() * GAP_SHARE)));
        List<Span> timed = pipeline.spans().stream().filter(s -> s.start() != null)
                .sorted(Comparator.comparing(TimelineFocus::from)).toList();
        List<Piece> pieces = new ArrayList<>();
        for (Span span : timed) {
            Instant from = from(span);
            Instant to = to(span, pipeline.readAt());
            Piece last = pieces.isEmpty() ? null : pieces.getLast();
            if (last == null || Duration.between(last.to, from).compareTo(gap) >= 0) {
                pieces.add(new Piece(from, to, new ArrayList<>(List.of(span))));
            } else {
                last.spans.add(span);
                if (to.isAfter(last.to)) {
                    last.to = to;
                }
            }
        }
        return pieces;
    }

    /** Where a span's bar begins: its queued wait, when it has one. */
    static Instant from(Span span) {
        return span.queuedAt() != null && span.queuedAt().isBefore(span.start()) ? span.queuedAt() : span.start();
    }

    private static Instant to(Span span, Instant now) {
        Instant end = span.end() != null ? span.end() : now.isAfter(span.start()) ? now : span.start();
        return end.isBefore(span.start()) ? span.start() : end;
    }

    private static final class Piece {
        final Instant from;
        Instant to;
        final List<Span> spans;

        Piece(Instant from, Instant to, List<Span> spans) {
            this.from = from;
            this.to = to;
            this.spans = spans;
        }
    }
}
