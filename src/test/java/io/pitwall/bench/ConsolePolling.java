package io.pitwall.bench;

import io.pitwall.connect.DatabasePools;
import io.pitwall.connect.TargetResolver;
import io.pitwall.monitor.MonitorSession;
import io.pitwall.profile.ProfileLoader;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.CountAccuracy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole console's database time ({@code BENCH_EXTRA=console}): the reads each screen's view model polls, at
 * their periods, through one console session (background counts on), for {@link #WINDOW} per screen, summed by
 * pg_stat_statements and given per 1.5 s refresh interval. The dashboard polls whichever screen shows (its
 * thresholds raise the notices); only the visible one of the others polls. The background counts are taken once
 * before, and their cost is given apart, spread over their period.
 */
final class ConsolePolling {

    static final Duration WINDOW = Duration.ofSeconds(Long.getLong("bench.window", 30));
    private static final double INTERVAL_MS = 1_500;

    private ConsolePolling() {
    }

    private interface Read {
        void run(MonitorSession session) throws Exception;
    }

    private record Poll(Read read, long periodMs) {
    }

    static List<String> run(String url, DbTime dbTime, long size, double naiveMs) throws Exception {
        List<Poll> dashboard = List.of(new Poll(s -> s.status(null), 1_500),
                new Poll(s -> s.stuck(null, List.of(), null), 5_000), new Poll(MonitorSession::trends, 15_000));
        Map<String, List<Poll>> screens = new LinkedHashMap<>();
        screens.put("Dashboard", List.of());
        screens.put("Stuck & failed (+ dashboard)", List.of(new Poll(s -> {
            s.detection().bindings();
            s.stuck(null, List.of(), null);
            s.workers(null);
        }, 5_000)));
        screens.put("Queues & kinds (+ dashboard)", List.of(new Poll(s -> {
            s.status(null);
            s.kindAges();
        }, 3_000)));
        List<String> lines = new ArrayList<>();
        try (MonitorSession session = new MonitorSession(new DatabasePools(TargetResolver.fromSystem().resolve(url)),
                new ProfileLoader().load(null)).countInBackground()) {
            dbTime.reset();
            Instant start = Instant.now();
            while (session.status(null).queues().stream().anyMatch(q -> q.accuracyOf(CanonicalState.SUCCEEDED).method()
                    != CountAccuracy.Method.COUNTED)) {
                Thread.sleep(200);
            }
            Thread.sleep(500);
            DbTime.Spent background = dbTime.read();
            double backgroundSeconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            // Taken again after 5 min or 300x their duration, whichever is longer.
            double period = Math.max(300_000, 300 * backgroundSeconds * 1000);
            double backgroundPerInterval = background.millis() * INTERVAL_MS / period;
            for (var screen : screens.entrySet()) {
                List<Poll> polls = new ArrayList<>(dashboard);
                polls.addAll(screen.getValue());
                ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
                dbTime.reset();
                long began = System.nanoTime();
                for (Poll poll : polls) {
                    executor.scheduleWithFixedDelay(() -> {
                        try {
                            poll.read().run(session);
                        } catch (Exception e) {
                            System.err.println("console poll: " + e);
                        }
                    }, 0, poll.periodMs(), TimeUnit.MILLISECONDS);
                }
                Thread.sleep(WINDOW.toMillis());
                executor.shutdownNow();
                executor.awaitTermination(10, TimeUnit.SECONDS);
                DbTime.Spent spent = dbTime.read();
                double intervals = (System.nanoTime() - began) / 1e6 / INTERVAL_MS;
                double perInterval = spent.millis() / intervals + backgroundPerInterval;
                lines.add(String.format("| %,d | %s | %.2f | %.2f | %.0f | %.2f | 1/%.0f |", size, screen.getKey(),
                        spent.millis() / intervals, backgroundPerInterval, spent.statements() / intervals,
                        perInterval, naiveMs / perInterval));
                if (Boolean.getBoolean("bench.top")) {
                    dbTime.top(8).forEach(line -> System.err.println("  " + line));
                }
            }
            System.err.printf("background counts at %,d rows: %.0f ms of DB time, taken again every %.0f min%n",
                    size, background.millis(), period / 60_000);
        }
        return lines;
    }

    static String header() {
        return "| rows | visible screen | polling DB ms per 1.5 s | background counts DB ms per 1.5 s | statements per "
                + "1.5 s | total DB ms per 1.5 s | × naive count |\n|---|---|---|---|---|---|---|";
    }
}
