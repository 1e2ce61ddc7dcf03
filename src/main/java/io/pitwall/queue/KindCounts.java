package io.pitwall.queue;

/** Counts of one task kind (task name, job kind, action) within a queue. */
public record KindCounts(String kind, StateCounts counts) {
}
