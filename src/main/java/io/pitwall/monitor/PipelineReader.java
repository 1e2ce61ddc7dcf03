package io.pitwall.monitor;

import io.pitwall.profile.Binding;
import io.pitwall.profile.Profile;
import io.pitwall.profile.Timeline;
import io.pitwall.queue.CanonicalState;
import io.pitwall.queue.Pipeline;
import io.pitwall.queue.PipelineSummary;
import io.pitwall.queue.Span;
import io.pitwall.queue.StateCounts;
import io.pitwall.queue.StuckItem;
import io.pitwall.sql.Identifiers;
import io.pitwall.sql.PipelineQuery;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads pipelines: the spans of one pipeline (its tasks, and each task's runs, attempts or checkpoints where
 * the profile names a history table), and the recent pipeline keys for a picker.
 */
public final class PipelineReader {

    /** How many pipelines a picker lists. */
    public static final int PICKER_LIMIT = 100;
    /** invalid_text_representation, numeric_value_out_of_range, invalid_datetime_format. */
    private final StuckReader stuckReader = new StuckReader();

    public Pipeline read(DataSource dataSource, List<Binding> bindings, String profileId, String key)
            throws SQLException {
        Instant readAt;
        List<Span> spans = new ArrayList<>();
        List<StuckItem> stuck = new ArrayList<>();
        boolean truncated = false;
        try (Connection connection = dataSource.getConnection()) {
            readAt = now(connection);
            for (Binding binding : bindings) {
                if (!KeyFit.keyFits(connection, binding, key)) {
                    continue; // "abc" as a bigint id, say: that key names no pipeline here
                }
                int first = spans.size();
                truncated |= readTasks(connection, binding, key, spans);
                for (Timeline.History history : binding.profile().timeline().history()) {
                    truncated |= readHistory(connection, binding, history, key, spans);
                }
                // Only an open task can be stuck; a finished pipeline costs no stuck query on each refresh.
                stuck.addAll(stuckReader.forTasks(connection, binding, spans.subList(first, spans.size()).stream()
                        .filter(s -> "task".equals(s.source()) && s.open()).map(Span::taskId).toList()));
            }
        }
        spans.sort(Comparator.comparing(Span::start, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Span::taskId).thenComparing(s -> "task".equals(s.source()) ? "" : s.source()));
        return new Pipeline(profileId, key, readAt, spans, truncated, stuck);
    }

    public List<PipelineSummary> recent(DataSource dataSource, List<Binding> bindings, String search)
            throws SQLException {
        Map<String, StateCounts> counts = new HashMap<>();
        Map<String, Instant> last = new HashMap<>();
        Map<String, String> profileOf = new HashMap<>();
        Map<String, java.util.SortedSet<String>> kinds = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (Binding binding : bindings) {
                Profile profile = binding.profile();
                if (binding.tasks().pipelineKey() == null) {
                    continue;
                }
                String sql = PipelineQuery.recent(binding.qualifiedTable(), binding.tasks());
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setString(1, PipelineQuery.likePattern(search));
                    statement.setInt(2, PipelineQuery.RECENT_TASKS);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            String key = rows.getString(1);
                            String id = profile.id() + "\u0000" + key;
                            profileOf.put(id, profile.id());
                            counts.merge(id, StateCounts.EMPTY.plus(profile.canonical(rows.getString(2)),
                                    rows.getLong(3)), StateCounts::plus);
                            Instant at = instant(rows.getObject(4, OffsetDateTime.class));
                            if (at != null) {
                                last.merge(id, at, (a, b) -> a.isAfter(b) ? a : b);
                            }
                            java.sql.Array kindArray = rows.getArray(5);
                            var kindSet = kinds.computeIfAbsent(id, k -> new java.util.TreeSet<>());
                            if (kindArray != null) {
                                for (Object kind : (Object[]) kindArray.getArray()) {
                                    kindSet.add(String.valueOf(kind));
                                }
                            }
                        }
                    }
                }
            }
        }
        return counts.entrySet().stream()
                .map(e -> new PipelineSummary(profileOf.get(e.getKey()), e.getKey().substring(e.getKey().indexOf('\u0000') + 1),
                        e.getValue(), last.get(e.getKey()), List.copyOf(kinds.get(e.getKey()))))
                .sorted(Comparator.comparing(PipelineSummary::lastActivity, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(PipelineSummary::key))
                .limit(PICKER_LIMIT)
                .toList();
    }

    private static boolean readTasks(Connection connection, Binding binding, String key, List<Span> spans)
            throws SQLException {
        Profile profile = binding.profile();
        if (binding.tasks().pipelineKey() == null) {
            return false;
        }
        String sql = PipelineQuery.tasks(binding.qualifiedTable(), binding.tasks(),
                bind(profile.timeline().start(), binding), bind(profile.timeline().end(), binding));
        int read = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindKey(statement, binding, key);
            statement.setInt(2, PipelineQuery.MAX_TASKS + 1);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next() && ++read <= PipelineQuery.MAX_TASKS) {
                    spans.add(taskSpan(profile, rows, binding.where()));
                }
            }
        }
        return read > PipelineQuery.MAX_TASKS;
    }

    /** A waiting task's bar starts when it was queued; a finished one ends, an active one stays open. */
    private static Span taskSpan(Profile profile, ResultSet rows, String where) throws SQLException {
        String id = rows.getString("id");
        String raw = rows.getString("raw_state");
        CanonicalState state = profile.canonical(raw);
        Instant queued = instant(rows.getObject("queued_at", OffsetDateTime.class));
        Instant started = instant(rows.getObject("started_at", OffsetDateTime.class));
        Instant ended = instant(rows.getObject("ended_at", OffsetDateTime.class));
        boolean waiting = state == CanonicalState.QUEUED || state == CanonicalState.SCHEDULED
                || state == CanonicalState.PAUSED;
        Instant start = waiting && queued != null ? queued : started != null ? started : queued;
        Instant end = state.isActive() || state == CanonicalState.UNKNOWN ? null
                : ended != null && start != null && !ended.isBefore(start) ? ended : start;
        List<String> detail = new ArrayList<>();
        if (rows.getString("owner") != null) {
            detail.add("owner " + rows.getString("owner"));
        }
        if (rows.getString("attempts") != null && !"0".equals(rows.getString("attempts"))) {
            detail.add("attempts " + rows.getString("attempts"));
        }
        if (rows.getString("error") != null) {
            detail.add(rows.getString("error"));
        }
        return new Span(id, id, "task", rows.getString("kind"), state, raw, queued, start, end,
                detail.isEmpty() ? null : String.join(" · ", detail), where);
    }

    private static boolean readHistory(Connection connection, Binding binding, Timeline.History history,
                                       String key, List<Span> spans) throws SQLException {
        return readHistory(connection, binding, history, PipelineQuery.keyEquals(binding.tasks()), key,
                PipelineQuery.keyColumn(binding.tasks()) != null, spans);
    }

    /**
     * One task's history (its runs, attempts or the elements of its history array), read by the task's id so a
     * task with no pipeline key has one too, and the id's index serves the lookup.
     */
    public List<Span> taskHistory(DataSource dataSource, Binding binding, String taskId) throws SQLException {
        List<Span> spans = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            if (!KeyFit.idFits(connection, binding, taskId)) {
                return spans;
            }
            for (Timeline.History history : binding.profile().timeline().history()) {
                readHistory(connection, binding, history, PipelineQuery.idEquals(binding.tasks()), taskId,
                        Identifiers.isPlainColumn(binding.tasks().id()), spans);
            }
        }
        spans.sort(Comparator.comparing(Span::start, Comparator.nullsLast(Comparator.naturalOrder())));
        return spans;
    }

    private static boolean readHistory(Connection connection, Binding binding, Timeline.History history, String where,
                                       String value, boolean untyped, List<Span> spans) throws SQLException {
        Profile profile = binding.profile();
        String join;
        if (history.fromArray()) {
            join = PipelineQuery.joinArray(bind(history.array(), binding));
        } else {
            String table = history.table().replace("{queue}", binding.queue() == null ? "" : binding.queue());
            join = PipelineQuery.joinTable(Identifiers.qualified(binding.schema(), table), bind(history.taskId(), binding),
                    binding.tasks());
        }
        String sql = PipelineQuery.historyRows(join, binding.qualifiedTable(), binding.tasks(),
                bind(history.id(), binding), bind(history.kind(), binding), bind(history.state(), binding),
                bind(history.start(), binding), bind(history.end(), binding), bind(history.detail(), binding),
                bind(history.order(), binding), where);
        String source = history.name() == null ? "history" : history.name();
        int read = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (untyped) {
                statement.setObject(1, value, java.sql.Types.OTHER);
            } else {
                statement.setString(1, value);
            }
            statement.setInt(2, PipelineQuery.MAX_TASKS + 1);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next() && ++read <= PipelineQuery.MAX_TASKS) {
                    String raw = rows.getString("raw_state");
                    CanonicalState state = raw == null && history.state() == null ? CanonicalState.SUCCEEDED
                            : history.states().isEmpty() ? profile.canonical(raw)
                            : raw == null ? CanonicalState.UNKNOWN
                            : history.states().getOrDefault(raw, CanonicalState.UNKNOWN);
                    Instant start = instant(rows.getObject("started_at", OffsetDateTime.class));
                    Instant end = instant(rows.getObject("ended_at", OffsetDateTime.class));
                    if (start == null) {
                        // Nothing to place on a timeline: a record never processed, a run asleep until an event.
                        continue;
                    }
                    if (end == null && !state.isActive() && state != CanonicalState.UNKNOWN) {
                        end = start;
                    }
                    String id = rows.getString("id");
                    spans.add(new Span(id == null ? rows.getString("task_id") + "/" + source + read : id,
                            rows.getString("task_id"), source, rows.getString("kind"), state, raw, null, start, end,
                            rows.getString("detail"), binding.where()));
                }
            }
        }
        return read > PipelineQuery.MAX_TASKS;
    }

    /** A key compared with a plain column is sent untyped, so PostgreSQL reads it as that column's type. */
    private static void bindKey(PreparedStatement statement, Binding binding, String key) throws SQLException {
        if (PipelineQuery.keyColumn(binding.tasks()) != null) {
            statement.setObject(1, key, java.sql.Types.OTHER);
        } else {
            statement.setString(1, key);
        }
    }

    /**
     * Fills a timeline field's placeholders for one bound table, as task fields have them: {@code {schema}} the
     * quoted schema, {@code {table}} the quoted task table, {@code {queue}} the queue name inside a quoted name.
     */
    static String bind(String given, Binding binding) {
        String field = binding.withFallbacks(given);
        if (field == null || field.indexOf('{') < 0) {
            return io.pitwall.sql.JdbcText.escapePlaceholders(field);
        }
        String text = field.replace("{schema}", Identifiers.quote(binding.schema()))
                .replace("{table}", binding.qualifiedTable());
        return io.pitwall.sql.JdbcText.escapePlaceholders(
                binding.queue() == null ? text : text.replace("{queue}", binding.queue().replace("\"", "\"\"")));
    }

    private static Instant now(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT now()");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    /** PostgreSQL's ±infinity arrive as the extreme OffsetDateTime values; they are no time on a timeline. */
    static Instant instant(OffsetDateTime value) {
        if (value == null || value.getYear() > 9000 || value.getYear() < 1) {
            return null;
        }
        return value.toInstant();
    }
}
