package io.pitwall.connect;

/**
 * Finds a second statement in SQL text. The PostgreSQL driver splits "a; b" into two statements sent in one
 * round trip, so a profile fragment holding "; COMMIT; SET default_transaction_read_only = off; ..." could
 * end the monitor's read-only transaction and run the rest outside it. Literals, quoted identifiers,
 * dollar quotes and comments are skipped as the driver skips them; a trailing semicolon is allowed.
 */
public final class SingleStatement {

    private SingleStatement() {
    }

    /** True when the text holds more than one statement. */
    public static boolean hasSeveral(String sql) {
        int i = 0;
        while (i < sql.length()) {
            int skipped = DriverSqlText.endOfSkipped(sql, i);
            if (skipped >= 0) {
                i = skipped;
            } else if (sql.charAt(i) == ';') {
                return !sql.substring(i + 1).isBlank();
            } else {
                i++;
            }
        }
        return false;
    }
}
