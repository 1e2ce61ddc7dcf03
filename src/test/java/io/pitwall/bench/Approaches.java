package io.pitwall.bench;

import io.pitwall.queue.CanonicalState;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The ways of counting Pitwall is measured against, each as its project does it, on the benchmark's table. */
final class Approaches {

    static final List<CanonicalState> SHOWN = List.of(CanonicalState.QUEUED, CanonicalState.RUNNING,
            CanonicalState.PAUSED, CanonicalState.FAILED, CanonicalState.SUCCEEDED);

    private Approaches() {
    }

    static CanonicalState canonical(String raw) {
        return switch (raw) {
            case "queued" -> CanonicalState.QUEUED;
            case "processing" -> CanonicalState.RUNNING;
            case "paused" -> CanonicalState.PAUSED;
            case "failed" -> CanonicalState.FAILED;
            case "completed" -> CanonicalState.SUCCEEDED;
            default -> CanonicalState.UNKNOWN;
        };
    }

    static Map<CanonicalState, Long> naive(DataSource db) throws SQLException {
        Map<CanonicalState, Long> counts = new EnumMap<>(CanonicalState.class);
        SHOWN.forEach(s -> counts.put(s, 0L));
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT kind, state, count(*) FROM shithub.jobs GROUP BY 1, 2")) {
            while (rows.next()) {
                counts.merge(canonical(rows.getString(2)), rows.getLong(3), Long::sum);
            }
        }
        return counts;
    }

    /** Oban Web's way: per state, the planner's estimate; an exact count where the estimate is below 50,000. */
    static Map<CanonicalState, Long> oban(DataSource db) throws SQLException {
        Map<CanonicalState, Long> counts = new EnumMap<>(CanonicalState.class);
        try (Connection c = db.getConnection()) {
            for (String state : List.of("queued", "processing", "paused", "failed", "completed")) {
                long estimate;
                try (PreparedStatement s = c.prepareStatement(
                        "EXPLAIN SELECT 1 FROM shithub.jobs WHERE state = '" + state + "'");
                     ResultSet rows = s.executeQuery()) {
                    rows.next();
                    estimate = Long.parseLong(rows.getString(1).replaceAll(".*rows=([0-9]+).*", "$1"));
                }
                if (estimate < 50_000) {
                    try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM shithub.jobs WHERE state = ?")) {
                        s.setString(1, state);
                        try (ResultSet rows = s.executeQuery()) {
                            rows.next();
                            estimate = rows.getLong(1);
                        }
                    }
                }
                counts.merge(canonical(state), estimate, Long::sum);
            }
        }
        return counts;
    }

    /** GoodJob's way: count only the active states, which its partial indexes hold. */
    static Map<CanonicalState, Long> goodJob(DataSource db) throws SQLException {
        Map<CanonicalState, Long> counts = new EnumMap<>(CanonicalState.class);
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT state, count(*) FROM shithub.jobs "
                     + "WHERE state IN ('queued', 'processing', 'paused') GROUP BY 1")) {
            while (rows.next()) {
                counts.merge(canonical(rows.getString(1)), rows.getLong(2), Long::sum);
            }
        }
        return counts;
    }

    /** The cheapest statement there is, as a yardstick for the machine's load in this run. */
    static Map<CanonicalState, Long> trivial(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT 1")) {
            rows.next();
        }
        return Map.of();
    }
}
