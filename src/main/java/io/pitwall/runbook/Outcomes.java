package io.pitwall.runbook;

import java.sql.SQLException;
import java.time.Duration;

/** What a failed statement means, in the operator's words: each outcome named for what it is. */
final class Outcomes {

    private Outcomes() {
    }

    /** A batch that gave up waiting (lock timeout, statement timeout, deadlock): skipped whole, or null if not that. */
    static String gaveUp(SQLException e, Duration lockTimeout, Duration statementTimeout) {
        return switch (e.getSQLState() == null ? "" : e.getSQLState()) {
            case "55P03" -> "gave up after waiting " + seconds(lockTimeout) + " for a row lock held by another session "
                    + "(lock_timeout, SQLSTATE 55P03)";
            case "57014" -> "a statement of this batch ran longer than the statement timeout of " + seconds(statementTimeout)
                    + " and was cancelled (statement_timeout, SQLSTATE 57014): the database is slow or a guard reads "
                    + "too much, no lock was in the way";
            case "40P01" -> "lost a deadlock against another session, which went ahead (SQLSTATE 40P01)";
            default -> null;
        };
    }

    /** Any other failure, with its SQLSTATE. */
    static String describe(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return "the connection to the database was lost (SQLSTATE " + state + ")";
        }
        return e.getMessage() + (state == null ? "" : " (SQLSTATE " + state + ")");
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
