package io.pitwall.connect;

import java.sql.SQLTransientConnectionException;

/**
 * Every connection of a read pool stayed busy for the pool's whole wait: the database is up (the pool reached it)
 * but answering slowly. Not an outage, so the screens say "slow" and keep their last figures rather than report
 * the pool's own message.
 */
public final class PoolBusyException extends SQLTransientConnectionException {

    PoolBusyException(String purpose, int size, long waitedMillis) {
        super("slow: all " + size + " " + purpose + " connection" + (size == 1 ? "" : "s") + " stayed busy for "
                + (waitedMillis >= 1000 && waitedMillis % 1000 == 0 ? waitedMillis / 1000 + " s" : waitedMillis + " ms")
                + ": the database is answering slowly");
        // No SQLSTATE, as the pool's own timeout had none: an 08 class would read as "the connection was lost".
    }

    /** The pool's own timeout, when it timed out waiting for a connection rather than failing to open one. */
    static boolean isPoolWait(SQLTransientConnectionException e) {
        // Hikari gives its timeout the last failure to open a connection as its cause; no cause: all were busy.
        return e.getCause() == null && e.getMessage() != null && e.getMessage().contains("Connection is not available");
    }
}
