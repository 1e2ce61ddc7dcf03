package io.pitwall.sql;

import io.pitwall.connect.DriverSqlText;

/**
 * Profile SQL as the PostgreSQL JDBC driver must receive it inside a prepared statement. The driver takes every
 * {@code ?} outside quotes and comments for a bind placeholder, so jsonb's {@code ?}, {@code ?|} and {@code ?&}
 * operators in a profile expression would fail with "No value specified for parameter 1". The driver reads
 * {@code ??} as a literal {@code ?}; this doubles each {@code ?} it would otherwise take, and leaves quoted text,
 * quoted identifiers, dollar-quoted bodies and comments alone, as the driver does.
 * <p>
 * Apply it once, where a profile fragment is spliced into a statement that is prepared: profile authors write
 * {@code ?} as they would in psql.
 */
public final class JdbcText {

    private JdbcText() {
    }

    public static String escapePlaceholders(String sql) {
        if (sql == null || sql.indexOf('?') < 0) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length() + 4);
        int i = 0;
        while (i < sql.length()) {
            int skipped = DriverSqlText.endOfSkipped(sql, i);
            if (skipped >= 0) {
                out.append(sql, i, skipped);
                i = skipped;
            } else {
                char c = sql.charAt(i);
                out.append(c == '?' ? "??" : String.valueOf(c));
                i++;
            }
        }
        return out.toString();
    }
}
