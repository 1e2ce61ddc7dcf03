package io.pitwall.bench;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The database's own time, from pg_stat_statements (planning and execution, every statement of every session,
 * BEGIN, SET and ROLLBACK included), so a figure is what the server spent, not what a loaded client waited.
 * Its own statements name pg_stat_statements and are left out.
 */
final class DbTime {

    /** Server milliseconds and statements run since the last {@link #reset()}. */
    record Spent(double millis, long statements) {
    }

    private final DataSource admin;

    DbTime(DataSource admin) throws SQLException {
        this.admin = admin;
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
    }

    void reset() throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    Spent read() throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT coalesce(sum(total_exec_time + total_plan_time), 0), "
                     + "coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'")) {
            rows.next();
            return new Spent(rows.getDouble(1), rows.getLong(2));
        }
    }

    /** The costliest statements since the last reset, for reading where the time went. */
    List<String> top(int limit) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = admin.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT calls, round((total_exec_time + total_plan_time)::numeric, 1), "
                     + "left(regexp_replace(query, '\\s+', ' ', 'g'), 160) FROM pg_stat_statements "
                     + "WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY 2 DESC LIMIT " + limit)) {
            while (rows.next()) {
                lines.add(String.format("%6d calls %9s ms  %s", rows.getLong(1), rows.getString(2), rows.getString(3)));
            }
        }
        return lines;
    }
}
