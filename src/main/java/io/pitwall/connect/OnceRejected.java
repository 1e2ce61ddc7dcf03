package io.pitwall.connect;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Makes an authentication failure final. A pool keeps trying to open connections; with a wrong password that
 * means asking the server again and again (and tripping lockouts). After the first 28P01 or 28000 this source
 * answers with the same error without contacting the server, until the operator reconnects.
 */
final class OnceRejected extends GuardedDataSource {

    private final DataSource delegate;
    private volatile SQLException rejected;
    private final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();

    OnceRejected(DataSource delegate) {
        super(delegate);
        this.delegate = delegate;
    }

    @Override
    String guarantee() {
        return "an authentication failure is not retried";
    }

    static boolean isAuthenticationFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("28")) {
                return true;
            }
        }
        return false;
    }

    /** Throws the remembered rejection, if any: callers check before waiting on a pool that can only fail. */
    void throwIfRejected() throws SQLException {
        SQLException known = rejected;
        if (known != null) {
            throw new SQLException("not retried: " + known.getMessage(), known.getSQLState());
        }
    }

    /** How many times the server was asked for a session. */
    int attempts() {
        return attempts.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        throwIfRejected();
        attempts.incrementAndGet();
        try {
            return delegate.getConnection();
        } catch (SQLException e) {
            if (isAuthenticationFailure(e)) {
                rejected = e;
            }
            throw e;
        }
    }
}
