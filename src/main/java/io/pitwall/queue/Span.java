package io.pitwall.queue;

import java.time.Instant;

/**
 * One bar of a pipeline's timeline: a task, or one entry of its history (a run, an attempt, a checkpoint, an event).
 *
 * @param id       the span's own id (the task id for a task, the run id for a run, ...)
 * @param taskId   the task the span belongs to; equals {@code id} for a task span
 * @param source   {@code task}, or the name of the profile's history source ({@code run}, {@code checkpoint}, ...)
 * @param queuedAt when the task was created, for the waiting part of a task bar; null for history spans
 * @param start    when the work began; null when unknown
 * @param end      when it ended; null while it is still open (running, queued)
 * @param detail   one line for the tooltip: the error, the owner, the attempt
 * @param where    the task table it was read from ({@code schema.table}), to open the task from the span
 */
public record Span(String id, String taskId, String source, String kind, CanonicalState state, String rawState,
                   Instant queuedAt, Instant start, Instant end, String detail,
                   String where) {

    public boolean open() {
        return end == null;
    }

    /**
     * What an open span is doing, by its state: only a RUNNING span is "running"; a queued task or a sleeping run
     * waits, and must not read as work in progress.
     */
    public String openVerb() {
        return switch (state) {
            case RUNNING -> "running";
            case QUEUED -> "queued";
            case SCHEDULED -> "waiting";
            case PAUSED -> "paused";
            default -> "open";
        };
    }

    /** An open span's length as an operator reads it: "running 12 min", "queued 3 min", "starts in 5 min". */
    public String openLength(Instant now) {
        if (start == null) {
            return "";
        }
        if (start.isAfter(now)) {
            return "starts " + Ages.relative(start, now);
        }
        return openVerb() + " " + Ages.format(java.time.Duration.between(start, now));
    }

    /** A span with no length: a checkpoint or an event, drawn as a marker. */
    public boolean instant() {
        return start != null && start.equals(end);
    }
}
