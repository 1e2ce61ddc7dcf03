package io.pitwall.connect;

import java.sql.SQLException;

/** An action asked for on a connection marked read-only; nothing was sent to the database. */
public final class ReadOnlyConnectionException extends SQLException {

    public ReadOnlyConnectionException(ConnectionIdentity identity) {
        super("connection " + identity.label() + " is read-only: no action runs on it (open it without read-only, "
                + "as a role that may write, to act)", ReadOnlyDataSource.READ_ONLY);
    }

    /** Refused for another reason that leaves the connection unable to act now; nothing was sent. */
    ReadOnlyConnectionException(String message) {
        super(message, ReadOnlyDataSource.READ_ONLY);
    }
}
