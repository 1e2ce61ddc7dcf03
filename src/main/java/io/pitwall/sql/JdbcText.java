package io.pitwall.sql;

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
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'') {
                end = quoted(sql, i, '\'', escapeString(sql, i));
            } else if (c == '"') {
                end = quoted(sql, i, '"', false);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int newline = sql.indexOf('\n', i);
                end = newline < 0 ? n : newline + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                end = blockComment(sql, i);
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int close = sql.indexOf(tag, i + tag.length());
                end = close < 0 ? n : close + tag.length();
            } else {
                out.append(c == '?' ? "??" : String.valueOf(c));
                i++;
                continue;
            }
            out.append(sql, i, end);
            i = end;
        }
        return out.toString();
    }

    /** E'...' strings take backslash escapes; standard strings only double the quote. */
    private static boolean escapeString(String sql, int quote) {
        return quote > 0 && (sql.charAt(quote - 1) == 'E' || sql.charAt(quote - 1) == 'e')
                && (quote == 1 || !Character.isLetterOrDigit(sql.charAt(quote - 2)) && sql.charAt(quote - 2) != '_');
    }

    private static int quoted(String sql, int start, char quote, boolean backslashes) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static int blockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length() - 1) {
            if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** {@code $$} or {@code $tag$} starting here (not a positional {@code $1}, not inside an identifier), else null. */
    private static String dollarTag(String sql, int start) {
        if (start > 0 && (Character.isLetterOrDigit(sql.charAt(start - 1)) || sql.charAt(start - 1) == '_')) {
            return null;
        }
        int i = start + 1;
        while (i < sql.length() && (Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_'
                || i > start + 1 && Character.isDigit(sql.charAt(i)))) {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? sql.substring(start, i + 1) : null;
    }
}
