package io.pitwall.ui.dashboard;

import io.pitwall.queue.QueueTrend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-minute chart's numbers. Only finished minutes are plain points: the minute under way has had a few
 * seconds to count tasks in, and drawn as a minute it dips to about zero on every refresh, reading as "throughput
 * collapsed". It is drawn apart, as the rate so far ({@code count / elapsed minutes}), once it has run long
 * enough ({@link #MIN_ELAPSED}) for that rate to mean something.
 *
 * @param complete   one point per finished minute of the window, zeros included (a stop must show as a drop)
 * @param partial    the minute under way: from the last finished minute to now at the rate so far; empty while too young
 * @param soFar      tasks finished and failed in the minute under way
 * @param upperBound the x of now, in epoch seconds, where the axis ends
 */
record MinuteSeries(List<Point> complete, List<Point> partial, QueueTrend.MinuteCount soFar, long upperBound) {

    static final Duration MIN_ELAPSED = Duration.ofSeconds(20);

    /** One x (epoch seconds) with its finished and failed values. */
    record Point(long x, double succeeded, double failed) {
    }

    static MinuteSeries of(QueueTrend trend, Duration window) {
        long nowSeconds = trend.readAt().getEpochSecond();
        long current = Math.floorDiv(nowSeconds, 60) * 60;
        long from = current - window.toSeconds();
        Map<Long, QueueTrend.MinuteCount> byMinute = new HashMap<>();
        trend.perMinute().forEach(m -> byMinute.put(m.minute().getEpochSecond(), m));
        List<Point> complete = new ArrayList<>();
        for (long minute = from; minute < current; minute += 60) {
            QueueTrend.MinuteCount count = byMinute.get(minute);
            complete.add(new Point(minute, count == null ? 0 : count.succeeded(), count == null ? 0 : count.failed()));
        }
        QueueTrend.MinuteCount soFar = byMinute.getOrDefault(current,
                new QueueTrend.MinuteCount(trend.readAt(), 0, 0));
        long elapsed = nowSeconds - current;
        List<Point> partial = new ArrayList<>();
        if (elapsed >= MIN_ELAPSED.toSeconds() && !complete.isEmpty()) {
            double perMinute = 60.0 / elapsed;
            partial.add(complete.getLast());
            partial.add(new Point(nowSeconds, soFar.succeeded() * perMinute, soFar.failed() * perMinute));
        }
        return new MinuteSeries(List.copyOf(complete), List.copyOf(partial), soFar, nowSeconds);
    }
}
