package io.pitwall.connect;

import com.zaxxer.hikari.HikariDataSource;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;

/**
 * The monitor pool as its readers see it. A session setting alone is not enough: SQL can switch
 * {@code default_transaction_read_only} off with {@code set_config}. So every borrowed connection runs its reads
 * in an explicit {@code BEGIN READ ONLY} transaction (which no statement inside it can make read-write), never
 * switches to autocommit (asking for it ends the transaction with a rollback), refuses SQL holding a second statement (a {@code COMMIT} would end it), and on return is rolled
 * back (undoing any {@code set_config} made inside) and reset with {@code DISCARD ALL} before the timeout and
 * read-only default are applied again.
 */
final class ReadOnlyDataSource extends GuardedDataSource {

    /** SQLSTATE read_only_sql_transaction, as PostgreSQL itself reports a write in a read-only transaction. */
    static final String READ_ONLY = "25006";

    private static final Set<String> SQL_TAKING_METHODS = Set.of("prepareStatement", "prepareCall", "nativeSQL",
            "execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");

    private final HikariDataSource pool;
    private final OnceRejected logins;
    private final Duration statementTimeout;

    ReadOnlyDataSource(HikariDataSource pool, OnceRejected logins, Duration statementTimeout) {
        super(pool);
        this.pool = pool;
        this.logins = logins;
        this.statementTimeout = statementTimeout;
    }

    @Override
    public Connection getConnection() throws SQLException {
        logins.throwIfRejected();
        Connection raw;
        try {
            raw = pool.getConnection();
        } catch (java.sql.SQLTransientConnectionException e) {
            if (PoolBusyException.isPoolWait(e)) {
                throw new PoolBusyException(pool.getPoolName().replace("pitwall-", ""), pool.getMaximumPoolSize(),
                        pool.getConnectionTimeout());
            }
            throw e;
        }
        try {
            raw.setAutoCommit(false);
            raw.setReadOnly(true);
        } catch (SQLException e) {
            pool.evictConnection(raw);
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                new Borrowed(raw));
    }

    @Override
    String guarantee() {
        return "the monitor pool's read-only transactions";
    }

    /** Undo whatever the borrower's SQL did to the session, so the next borrower gets a clean one. */
    private void reset(Connection raw) {
        try {
            raw.rollback();
            raw.setAutoCommit(true);
            try (Statement statement = raw.createStatement()) {
                statement.execute("DISCARD ALL");
                statement.execute("SET statement_timeout = " + statementTimeout.toMillis()
                        + "; SET default_transaction_read_only = on");
            }
            raw.setAutoCommit(false);
            raw.close();
        } catch (SQLException e) {
            // A session we cannot reset must never be handed out again.
            pool.evictConnection(raw);
        }
    }

    private static void checkSql(Object[] args) throws SQLException {
        if (args != null && args.length > 0 && args[0] instanceof String sql && SingleStatement.hasSeveral(sql)) {
            throw new SQLException("monitor reads run one statement at a time: this SQL holds several "
                    + "(a profile fragment with ';' outside quotes?)", READ_ONLY);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One borrowed connection: read-only until returned. */
    private final class Borrowed implements InvocationHandler {
        private final Connection raw;
        private boolean closed;

        Borrowed(Connection raw) {
            this.raw = raw;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "close" -> {
                    if (!closed) {
                        closed = true;
                        reset(raw);
                    }
                    return null;
                }
                case "isClosed" -> {
                    return closed || raw.isClosed();
                }
                case "setAutoCommit" -> {
                    // Autocommit on would end the explicit read-only transaction; a caller asking for it (to end its
                    // own transaction) gets the transaction rolled back, and the next statement begins READ ONLY again.
                    if ((Boolean) args[0]) {
                        raw.rollback();
                    }
                    return null;
                }
                case "setReadOnly" -> {
                    if ((Boolean) args[0]) {
                        return null;
                    }
                    throw new SQLException("monitor connections stay in their read-only transaction", READ_ONLY);
                }
                case "createStatement" -> {
                    Statement statement = (Statement) call(raw, method, args);
                    return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[]{Statement.class},
                            (p, m, a) -> {
                                if (SQL_TAKING_METHODS.contains(m.getName())) {
                                    checkSql(a);
                                }
                                return m.getName().equals("getConnection") ? proxy : call(statement, m, a);
                            });
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                    if (closed && !name.equals("toString")) {
                        throw new SQLException("connection is closed", "08003");
                    }
                    if (SQL_TAKING_METHODS.contains(name)) {
                        checkSql(args);
                    }
                    return call(raw, method, args);
                }
            }
        }
    }
}
