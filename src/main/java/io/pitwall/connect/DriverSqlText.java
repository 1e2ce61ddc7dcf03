package io.pitwall.connect;

/**
 * The parts of SQL text the PostgreSQL JDBC driver does not look into when it scans for statement separators
 * and bind placeholders: string literals (with backslash escapes in E'...'), quoted identifiers, dollar-quoted
 * bodies, line comments and nested block comments. One scanner serves both guards that depend on the driver's
 * reading ({@link SingleStatement} and the placeholder escaping in the sql layer), so they cannot disagree
 * about where a literal ends.
 */
public final class DriverSqlText {

    private DriverSqlText() {
    }

    /**
     * Where the region that starts at {@code i} ends (the index after it), or -1 when no literal, quoted
     * identifier, dollar quote or comment starts there. An unterminated region runs to the end of the text.
     */
    public static int endOfSkipped(String sql, int i) {
        int n = sql.length();
        char c = sql.charAt(i);
        if (c == '\'') {
            return quoted(sql, i, '\'', escapeString(sql, i));
        }
        if (c == '"') {
            return quoted(sql, i, '"', false);
        }
        if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
            int newline = sql.indexOf('\n', i);
            return newline < 0 ? n : newline + 1;
        }
        if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
            return blockComment(sql, i);
        }
        if (c == '$') {
            String tag = dollarTag(sql, i);
            if (tag != null) {
                int close = sql.indexOf(tag, i + tag.length());
                return close < 0 ? n : close + tag.length();
            }
        }
        return -1;
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
