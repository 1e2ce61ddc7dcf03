package io.pitwall.monitor;

import io.pitwall.profile.Binding;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.ErrorGroup;
import io.pitwall.queue.FailedTask;
import io.pitwall.queue.Fingerprint;
import io.pitwall.queue.TaskFilter;
import io.pitwall.queue.TaskPage;
import io.pitwall.sql.BoundSql;
import io.pitwall.sql.TaskListQuery;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Failed tasks of one binding, a keyset page at a time, and grouped by error fingerprint. The filter may ask for
 * another canonical state (cancelled, unknown) to look at the same way.
 */
public final class FailedReader {

    /** Groups are built from at most this many of the latest failures; the result says when it stopped there. */
    public static final int GROUP_SCAN_LIMIT = 10_000;
    private static final int GROUP_PAGE = 1_000;

    public TaskPage<FailedTask> page(DataSource dataSource, Binding binding, TaskFilter filter, TaskPage.Cursor after,
                                     int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return page(connection, binding, filter, after, limit);
        }
    }

    private static TaskPage<FailedTask> page(Connection connection, Binding binding, TaskFilter filter,
                                             TaskPage.Cursor after, int limit) throws SQLException {
        List<String> failedStates = binding.profile().rawStates(filter.stateOrFailed());
        if (failedStates.isEmpty()) {
            return new TaskPage<>(List.of(), null);
        }
        BoundSql sql = TaskListQuery.page(binding.qualifiedTable(), binding.tasks(), failedStates, filter,
                after, limit + 1);
        List<FailedTask> rows = new ArrayList<>();
        // The id value as the driver returned it (Long, UUID, ...), so the next page binds the same type.
        Object lastKey = null;
        TaskPage.Cursor next = null;
        try (PreparedStatement statement = Statements.prepare(connection, sql); ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                if (rows.size() == limit) {
                    next = new TaskPage.Cursor(rows.getLast().at(), lastKey);
                    break;
                }
                lastKey = result.getObject(1);
                String queue = result.getString(9);
                rows.add(new FailedTask(binding.profile().id(), binding.where(), result.getString(2), result.getString(3),
                        result.getString(4), result.getString(5), Statements.integer(result, 6), result.getString(7),
                        Statements.instant(result.getTimestamp(8)), binding.profile().canonical(result.getString(4)),
                        queue != null ? queue : binding.queue() != null ? binding.queue() : binding.where()));
            }
        }
        return new TaskPage<>(rows, next);
    }

    /** Groups of the latest failures matching the filter, largest first. */
    public Grouped groups(DataSource dataSource, Binding binding, TaskFilter filter) throws SQLException {
        Map<String, List<FailedTask>> byFingerprint = new LinkedHashMap<>();
        int scanned = 0;
        boolean truncated = false;
        try (Connection connection = dataSource.getConnection()) {
            TaskPage.Cursor after = null;
            do {
                TaskPage<FailedTask> page = page(connection, binding, filter, after, GROUP_PAGE);
                for (FailedTask task : page.rows()) {
                    byFingerprint.computeIfAbsent(Fingerprint.of(task.error()), f -> new ArrayList<>()).add(task);
                }
                scanned += page.rows().size();
                after = page.next();
                truncated = after != null && scanned >= GROUP_SCAN_LIMIT;
            } while (after != null && !truncated);
        }
        List<ErrorGroup> groups = byFingerprint.entrySet().stream().map(e -> group(binding, e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(ErrorGroup::count).reversed().thenComparing(ErrorGroup::fingerprint))
                .toList();
        return new Grouped(groups, scanned, truncated);
    }

    /** Groups plus how many failures they were built from, and whether there were more. */
    public record Grouped(List<ErrorGroup> groups, int scanned, boolean truncated) {
    }

    private static ErrorGroup group(Binding binding, String fingerprint, List<FailedTask> tasks) {
        Instant first = tasks.stream().map(FailedTask::at).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        Instant last = tasks.stream().map(FailedTask::at).filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        TreeSet<String> kinds = new TreeSet<>();
        tasks.forEach(t -> kinds.add(t.kind() == null ? "" : t.kind()));
        TreeSet<String> queues = new TreeSet<>();
        tasks.forEach(t -> queues.add(t.queue()));
        return new ErrorGroup(fingerprint, tasks.size(), List.copyOf(kinds), first, last,
                tasks.stream().map(FailedTask::id).toList(), tasks.getFirst().error(), binding.profile().id(),
                List.copyOf(queues), fingerprint.equals(Fingerprint.NO_TEXT) ? whyNoText(binding) : null);
    }

    /**
     * Why failures carry no error text: a profile that reads none says the system keeps none (it is declared by the
     * profile's tasks having no {@code error}); otherwise the system left it empty for these tasks.
     */
    static String whyNoText(Binding binding) {
        String error = binding.profile().tasks().error();
        if (error == null || error.isBlank() || error.strip().equalsIgnoreCase("NULL")) {
            return binding.profile().title() + " keeps no error text for a failed task (its profile reads none)"
                    + "; the reason is in the system's own logs";
        }
        return "the system recorded none for these failures (" + binding.profile().id() + "'s error field is empty for them)";
    }
}
