package io.pitwall.connect;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * A data source that adds a guarantee to the one it wraps. It connects as its configured role only, and it is never
 * unwrapped: handing out the inner source would hand out a way around the guarantee.
 */
abstract class GuardedDataSource implements DataSource {

    private final DataSource inner;

    GuardedDataSource(DataSource inner) {
        this.inner = inner;
    }

    /** What the wrapper guarantees, for the refusals it gives. */
    abstract String guarantee();

    @Override
    public abstract Connection getConnection() throws SQLException;

    @Override
    public final Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("connects as its configured role only (" + guarantee() + ")");
    }

    @Override
    public final PrintWriter getLogWriter() throws SQLException {
        return inner.getLogWriter();
    }

    @Override
    public final void setLogWriter(PrintWriter out) throws SQLException {
        inner.setLogWriter(out);
    }

    @Override
    public final void setLoginTimeout(int seconds) throws SQLException {
        inner.setLoginTimeout(seconds);
    }

    @Override
    public final int getLoginTimeout() throws SQLException {
        return inner.getLoginTimeout();
    }

    @Override
    public final Logger getParentLogger() {
        return Logger.getLogger("io.pitwall.connect");
    }

    @Override
    public final <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not unwrapped: " + guarantee() + " lives in this wrapper");
    }

    @Override
    public final boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
