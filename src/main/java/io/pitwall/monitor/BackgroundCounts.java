package io.pitwall.monitor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Exact counts too costly for every refresh (the terminal states of a big table, many failed rows), taken now and
 * then on a background thread under their own statement timeout and shown with their age. A count is taken again
 * no sooner than its floor and no sooner than {@link #COST_FACTOR} times its last duration, so however big the
 * table, background counting costs the database at most 1/{@code COST_FACTOR} of its time.
 */
final class BackgroundCounts implements AutoCloseable {

    /** Failed rows counted from their index: cheap, and worth keeping fresh. */
    static final Duration INDEX_FLOOR = Duration.ofSeconds(15);
    /** The whole table counted (the terminal states): a full scan, taken at most every 5 minutes. */
    static final Duration FULL_COUNT_FLOOR = Duration.ofMinutes(5);
    static final int COST_FACTOR = 300;
    /**
     * A background count's own statement timeout, far longer than the monitor's 5 s since nothing waits for it:
     * a whole 50M-row table took 60 s to count without parallel workers on a loaded 2-core machine.
     */
    static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundCounts.class);

    /**
     * One background count: {@code sql} returns (part, queue, kind, raw_state, n) rows like {@code CountQuery.union};
     * {@code forceIndex} plans it with sequential scans off.
     */
    record Job(String key, String sql, String source, Duration floor, boolean forceIndex) {
    }

    /** A finished count: per raw state; when it was taken and how long it took. */
    record Result(Map<String, Long> raw, Instant at, Duration took) {
    }

    private final Duration timeout;
    /** Where the counts run: a connection of their own, never one of the screens' (null: the caller's). */
    private final DataSource own;
    private final Map<String, Result> done = new ConcurrentHashMap<>();
    /** A count that failed (its timeout, say): when, and how long it ran, so that it backs off like a slow one. */
    private final Map<String, Result> failed = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pitwall-background-counts");
        thread.setDaemon(true);
        return thread;
    });

    BackgroundCounts() {
        this(TIMEOUT, null);
    }

    /**
     * @param own where the counts run; a single-connection source of their own (the console's), so a count
     *            holding its connection for minutes cannot starve the screens. Null: the reader's own source, for
     *            a reader given a plain data source (tests)
     */
    BackgroundCounts(Duration timeout, DataSource own) {
        this.timeout = timeout;
        this.own = own;
    }

    /**
     * The latest finished count of this job (null before the first), and a new one started when it is due. One
     * count at a time (a single thread), so background work never holds more than one connection.
     */
    Result latest(DataSource readerSource, Job job) {
        DataSource dataSource = own != null ? own : readerSource;
        Result last = done.get(job.key());
        Instant now = Instant.now();
        Result failure = failed.get(job.key());
        boolean due = (last == null || !now.isBefore(last.at().plus(period(job, last))))
                && (failure == null || !now.isBefore(failure.at().plus(period(job, failure))));
        if (due && running.add(job.key())) {
            try {
                executor.execute(() -> count(dataSource, job));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                running.remove(job.key());
            }
        }
        return last;
    }

    static Duration period(Job job, Result last) {
        Duration byCost = last.took().multipliedBy(COST_FACTOR);
        return byCost.compareTo(job.floor()) > 0 ? byCost : job.floor();
    }

    private void count(DataSource dataSource, Job job) {
        Instant start = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL statement_timeout = " + timeout.toMillis());
                    if (job.forceIndex()) {
                        statement.execute("SET LOCAL enable_seqscan = off");
                    }
                }
                Map<String, Long> raw = new HashMap<>();
                try (PreparedStatement statement = connection.prepareStatement(job.sql());
                     ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String state = rows.getString(4);
                        raw.merge(state == null ? "(null)" : state, rows.getLong(5), Long::sum);
                    }
                }
                done.put(job.key(), new Result(Map.copyOf(raw), start, Duration.between(start, Instant.now())));
                failed.remove(job.key());
            } finally {
                connection.rollback();
                if (autoCommit) {
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException | RuntimeException e) {
            // The planner's estimate (or the last count, with its age) stays; tried again no sooner than a count
            // that took as long would be.
            failed.put(job.key(), new Result(Map.of(), start, Duration.between(start, Instant.now())));
            LOG.debug("background count {} failed: {}", job.key(), e.toString());
        } finally {
            running.remove(job.key());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
