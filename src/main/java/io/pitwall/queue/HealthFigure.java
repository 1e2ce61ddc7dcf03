package io.pitwall.queue;

/**
 * One measured figure of one queue, or of one kind within it, that thresholds are judged against and that
 * the metrics endpoint exports.
 *
 * @param queue the queue's name, or "schema.table" where the profile has no queues
 * @param kind  null for the queue as a whole
 */
public record HealthFigure(HealthMetric metric, String profileId, String queue, String kind, double value) {
}
