package io.pitwall.monitor;

import io.pitwall.profile.Binding;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.CountAccuracy;
import io.pitwall.queue.MissingIndex;
import io.pitwall.queue.QueueStatus;
import io.pitwall.queue.StatusSnapshot;
import io.pitwall.sql.CountQuery;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads task counts per canonical state, queue and kind. A table of at most {@link CountQuery#FULL_COUNT_LIMIT} rows
 * is counted in full; a bigger one through {@link IndexedCount}: its active rows exactly from an index, the rest by
 * the planner. One refresh is one transaction and, once the plans are known, one statement per big table.
 * Keeps what it learnt about each table's indexes for {@link PlanCheck#TTL}, so use one reader per database.
 */
public final class StatusReader {

    private final PlanCheck plans = new PlanCheck();
    private volatile BackgroundCounts background;
    private final long fullCountLimit;
    // Table sizes change slowly and only decide full count or index count: read them every PlanCheck.TTL.
    private volatile Map<String, Long> sizes = Map.of();
    private volatile Instant sizesAt = Instant.EPOCH;

    public StatusReader() {
        this(CountQuery.FULL_COUNT_LIMIT);
    }

    /** With another size below which tables are counted in full: 0 reads every table through its indexes. */
    public StatusReader(long fullCountLimit) {
        this.fullCountLimit = fullCountLimit;
    }

    /**
     * From now on, states a refresh does not count (the terminal ones of a big table, many failed rows) are counted
     * exactly in the background and shown with their age. For a long-running reader (the console): a
     * one-shot {@code status} must not leave a full count running on the server after it exits.
     */
    public void countInBackground() {
        countInBackground(BackgroundCounts.TIMEOUT, null);
    }

    /**
     * As above, the counts running on {@code own} ({@code DatabasePools.background()}: one connection apart from
     * the screens'), so a count that takes minutes never holds a connection a refresh waits for.
     */
    public void countInBackground(DataSource own) {
        countInBackground(BackgroundCounts.TIMEOUT, own);
    }

    /** With another statement timeout for the background counts (tests). */
    synchronized void countInBackground(java.time.Duration timeout) {
        countInBackground(timeout, null);
    }

    synchronized void countInBackground(java.time.Duration timeout, DataSource own) {
        if (background == null) {
            background = new BackgroundCounts(timeout, own);
        }
    }

    /** The background counter, for tests that give it a job of their own (null until countInBackground). */
    BackgroundCounts background() {
        return background;
    }

    /** Stops background counting; a count under way ends with its connection. */
    public synchronized void close() {
        if (background != null) {
            background.close();
            background = null;
        }
    }

    public StatusSnapshot read(DataSource dataSource, List<Binding> bindings) throws SQLException {
        Instant start = Instant.now();
        QueueStatus[] statuses = new QueueStatus[bindings.size()];
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = begin(connection);
            try {
                Map<String, Long> estimates = sizes(connection, bindings);
                List<Integer> big = new ArrayList<>();
                for (int i = 0; i < bindings.size(); i++) {
                    Binding binding = bindings.get(i);
                    long rows = estimates.getOrDefault(binding.qualifiedTable(), 0L);
                    if (rows < 0) {
                        rows = plannedRows(connection, binding);
                    }
                    if (rows <= fullCountLimit) {
                        statuses[i] = fullCount(connection, binding);
                    } else {
                        big.add(i);
                    }
                }
                for (int i : big) {
                    statuses[i] = indexed(connection, bindings.get(i), dataSource);
                }
            } finally {
                end(connection, autoCommit);
            }
        }
        return new StatusSnapshot(start, Duration.between(start, Instant.now()), List.of(statuses));
    }

    /**
     * The indexes each binding's profile needs for exact counts and that its table lacks, whatever its size.
     * A binding whose predicates cannot even be planned (a profile's SQL that does not fit this schema version)
     * is left out here; its count reports the error.
     */
    public List<MissingIndex> missingIndexes(DataSource dataSource, List<Binding> bindings) throws SQLException {
        List<MissingIndex> missing = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = begin(connection);
            for (Binding binding : bindings) {
                try {
                    missing.addAll(new IndexedCount(binding).missingIndexes(connection, plans));
                } catch (SQLException e) {
                    if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                        throw e; // the connection itself failed
                    }
                } finally {
                    connection.rollback(); // one transaction per binding: a failed one does not abort the next
                }
            }
            end(connection, autoCommit);
        }
        return missing;
    }

    /**
     * Runs the reads in one transaction, so {@code SET LOCAL} ends with it. The monitor pool's connections are in
     * a read-only transaction already (and refuse to leave it); a plain data source's is opened here.
     *
     * @return whether the connection was in auto-commit, to restore on {@link #end}
     */
    private static boolean begin(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        return autoCommit;
    }

    private static void end(Connection connection, boolean autoCommit) throws SQLException {
        connection.rollback();
        if (autoCommit) {
            connection.setAutoCommit(true);
        }
    }

    private QueueStatus indexed(Connection connection, Binding binding, DataSource dataSource) throws SQLException {
        IndexedCount count = new IndexedCount(binding);
        count.read(connection, plans, background, dataSource);
        return status(binding, count.rows, count.accuracy, count.missing);
    }

    private static QueueStatus fullCount(Connection connection, Binding binding) throws SQLException {
        CountRows counts = new CountRows(binding.profile());
        try (PreparedStatement statement = connection.prepareStatement(
                CountQuery.exact(binding.qualifiedTable(), binding.tasks()));
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                counts.add(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4));
            }
        }
        Map<CanonicalState, CountAccuracy> accuracy = new EnumMap<>(CanonicalState.class);
        for (CanonicalState state : CanonicalState.values()) {
            accuracy.put(state, CountAccuracy.FULL_COUNT);
        }
        return status(binding, counts, accuracy, List.of());
    }

    private static QueueStatus status(Binding binding, CountRows counts, Map<CanonicalState, CountAccuracy> accuracy,
                                      List<MissingIndex> missing) {
        boolean estimated = accuracy.values().stream().anyMatch(a -> a.method() == CountAccuracy.Method.ESTIMATED);
        return new QueueStatus(binding.profile().id(), binding.displayName(), binding.where(), binding.queue(),
                counts.total(), estimated, counts.kinds(), counts.raw(), counts.queues(), accuracy, missing);
    }

    private static long plannedRows(Connection connection, Binding binding) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                CountQuery.explainRows(binding.qualifiedTable(), null));
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            String plan = rows.getString(1);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"Plan Rows\": ([0-9.]+)").matcher(plan);
            return m.find() ? Math.round(Double.parseDouble(m.group(1))) : 0;
        }
    }

    private Map<String, Long> sizes(Connection connection, List<Binding> bindings) throws SQLException {
        Map<String, Long> known = sizes;
        boolean fresh = sizesAt.plus(PlanCheck.TTL).isAfter(Instant.now());
        if (!fresh || !bindings.stream().allMatch(b -> known.containsKey(b.qualifiedTable()))) {
            sizes = Map.copyOf(estimatedRows(connection, bindings));
            sizesAt = Instant.now();
        }
        return sizes;
    }

    private static Map<String, Long> estimatedRows(Connection connection, List<Binding> bindings) throws SQLException {
        Map<String, Long> estimates = new HashMap<>();
        Array names = connection.createArrayOf("text", bindings.stream().map(Binding::qualifiedTable).toArray());
        try (PreparedStatement statement = connection.prepareStatement(CountQuery.ESTIMATED_ROWS)) {
            statement.setArray(1, names);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    estimates.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return estimates;
    }
}
